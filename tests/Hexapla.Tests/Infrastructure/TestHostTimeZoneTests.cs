namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// The web tests run with the server's own zone set to Europe/Moscow (<c>non-utc.runsettings</c>), so a time read in
/// the local zone instead of as given shows up; this fails if that setting is lost and the run falls back to UTC.
/// </summary>
public sealed class TestHostTimeZoneTests
{
    [Fact]
    public void TestHost_LocalTimeZone_IsNotUtc()
    {
        var offset = TimeZoneInfo.Local.GetUtcOffset(TestSite.Start);

        Assert.True(offset != TimeSpan.Zero,
            $"TimeZoneInfo.Local is {TimeZoneInfo.Local.Id} (offset {offset}); run the tests with tests/Hexapla.Tests/non-utc.runsettings (TZ=Europe/Moscow).");
    }
}
