using Hexapla.Content;

namespace Hexapla.Tests.Content;

/// <summary>The one reading of given times: offsets required in machine formats, local times in a named zone.</summary>
public sealed class InstantsTests
{
    private static readonly DateTimeOffset Embargo = new(2026, 12, 6, 15, 54, 1, TimeSpan.Zero);

    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-12-06T15:54:01Z")]
    [InlineData("2026-12-06t15:54:01z")]
    [InlineData("2026-12-06T18:54:01+03:00")]
    [InlineData("2026-12-06T18:54:01+0300")]
    [InlineData("2026-12-06T18:54:01+03")]
    [InlineData("2026-12-06 18:54:01 +03:00")]
    [InlineData("2026-12-06T10:54:01-05:00")]
    [InlineData("  2026-12-06T15:54:01.000Z ")]
    public void TryParse_WithOffset_IsThatInstantInUtc(string text)
    {
        Assert.True(Instants.TryParse(text, out var instant, out var error), error);

        Assert.Equal(Embargo, instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void TryParse_Fraction_KeepsUpToTicks()
    {
        Assert.True(Instants.TryParse("2026-12-06T15:54:01.123456789Z", out var instant, out _));

        Assert.Equal(Embargo.AddTicks(1_234_567), instant);
    }

    [Theory]
    [InlineData("2026-12-06T15:54:01")]
    [InlineData("2026-12-06T15:54")]
    [InlineData("2026-12-06 15:54:01")]
    public void TryParse_NoOffset_IsRefusedAsNeedingOne(string text)
    {
        Assert.False(Instants.TryParse(text, out _, out var error));

        Assert.StartsWith("needs an offset", error, StringComparison.Ordinal);
        Assert.Contains("Z", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("2026-12-06")]
    [InlineData("2026-02-30T10:00Z")]
    [InlineData("2026-12-06T24:00Z")]
    [InlineData("2026-12-06T10:60Z")]
    [InlineData("2026-12-06T10:00+15:00")]
    [InlineData("2026-12-06T10:00+03:75")]
    [InlineData("0001-01-01T00:00+01:00")]
    [InlineData("２０２６-12-06T10:00Z")]
    [InlineData("06/12/2026 10:00Z")]
    [InlineData("2026-12-06T10:00:00Z trailing")]
    public void TryParse_NotAnInstant_IsRefusedWithAMessage(string text)
    {
        Assert.False(Instants.TryParse(text, out _, out var error));

        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParseInstantOrDate_DateAlone_IsMidnightInTheZone()
    {
        Assert.True(Instants.TryParseInstantOrDate("2026-12-06", Moscow, out var moscow, out _));
        Assert.True(Instants.TryParseInstantOrDate("2026-12-06", TimeZoneInfo.Utc, out var utc, out _));

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.Zero), moscow);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void TryParseInstantOrDate_DateAndTimeWithoutOffset_IsRefusedOfferingTheDateAlone()
    {
        Assert.False(Instants.TryParseInstantOrDate("2026-12-06T15:54:01", Moscow, out _, out var error));

        Assert.StartsWith("needs an offset", error, StringComparison.Ordinal);
        Assert.Contains("(2026-12-06)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseInstantOrDate_WithOffset_IgnoresTheZone()
    {
        Assert.True(Instants.TryParseInstantOrDate("2026-12-06T15:54:01Z", Moscow, out var instant, out _));

        Assert.Equal(Embargo, instant);
    }

    [Fact]
    public void TryParseInstantOrDate_MidnightSkipped_IsTheFirstInstantOfTheDay()
    {
        // Chile's clocks go from 00:00 to 01:00 at the start of summer time (2026-09-06): the day starts at 01:00 -03:00.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        Assert.True(santiago.IsInvalidTime(new DateTime(2026, 9, 6, 0, 30, 0)), "the test's premise: 00:30 does not exist that day");

        Assert.True(Instants.TryParseInstantOrDate("2026-09-06", santiago, out var start, out _));

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData("2026-12-06T18:54")]
    [InlineData("2026-12-06T18:54:01")]
    [InlineData("2026-12-06 18:54")]
    public void TryParseLocal_WallClockTime_IsReadInTheZone(string text)
    {
        Assert.True(Instants.TryParseLocal(text, Moscow, out var instant, out var error), error);

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 15, 54, 0, TimeSpan.Zero), instant.AddSeconds(-instant.Second));
    }

    [Fact]
    public void TryParseLocal_StatedOffset_WinsOverTheZone()
    {
        Assert.True(Instants.TryParseLocal("2026-12-06T15:54:01Z", Moscow, out var instant, out _));

        Assert.Equal(Embargo, instant);
    }

    [Fact]
    public void TryParseLocal_TimeInTheSpringGap_IsRefusedNamingTheZone()
    {
        // Berlin's clocks go from 02:00 to 03:00 on 2027-03-28.
        Assert.False(Instants.TryParseLocal("2027-03-28T02:30", Berlin, out _, out var error));

        Assert.Contains("does not exist in Europe/Berlin", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseLocal_TimeThatHappensTwice_IsTheLaterOne()
    {
        // Berlin's clocks go from 03:00 back to 02:00 on 2026-10-25: 02:30 is 00:30 UTC, then 01:30 UTC.
        Assert.True(Instants.TryParseLocal("2026-10-25T02:30", Berlin, out var instant, out _));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void TryParseLocal_DateAlone_IsRefused()
    {
        Assert.False(Instants.TryParseLocal("2026-12-06", Moscow, out _, out var error));

        Assert.Contains("without a time of day", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneLabel_NamesTheZoneAndItsOffsetAtThatTime()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal("Europe/Moscow (UTC+03:00)", Instants.ZoneLabel(Moscow, Embargo));
        Assert.Equal("America/New_York (UTC-05:00)", Instants.ZoneLabel(newYork, Embargo));
        Assert.Equal("America/New_York (UTC-04:00)", Instants.ZoneLabel(newYork, Embargo.AddMonths(-6)));
        Assert.Equal("UTC", Instants.ZoneLabel(TimeZoneInfo.Utc, Embargo));
    }

    [Fact]
    public void ToLocalInput_IsTheWallClockTimeInTheZone()
    {
        Assert.Equal("2026-12-06T18:54", Instants.ToLocalInput(Embargo, Moscow));
        Assert.True(Instants.TryParseLocal(Instants.ToLocalInput(Embargo, Moscow), Moscow, out var back, out _));
        Assert.Equal(Embargo.AddSeconds(-1), back);
    }
}
