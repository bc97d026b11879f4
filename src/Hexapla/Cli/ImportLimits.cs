using Hexapla.Hosting;
using Hexapla.Interchange;

namespace Hexapla.Cli;

/// <summary>
/// The settings <c>hexapla import</c> shares with <c>serve</c>: the file size limit <c>Hexapla:Limits:ImportFileBytes</c>
/// and the site's time zone <c>Hexapla:TimeZone</c>, from <c>appsettings.json</c> next to the program and the
/// environment (<c>Hexapla__Limits__ImportFileBytes</c>, <c>Hexapla__TimeZone</c>), as <c>serve</c> reads its settings.
/// </summary>
internal static class ImportLimits
{
    /// <summary>The limits as <c>serve</c> would read them (without its command-line options).</summary>
    public static Limits Settings() => Limits.From(Configuration());

    /// <summary>The site's time zone, in which a front matter date alone is read; null when the setting names no zone.</summary>
    public static TimeZoneInfo? TimeZone()
    {
        var id = Configuration()[$"{HexaplaOptions.Section}:{nameof(HexaplaOptions.TimeZone)}"];
        return string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
}
