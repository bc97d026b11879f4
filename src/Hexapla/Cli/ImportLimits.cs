using Hexapla.Hosting;
using Hexapla.Interchange;

namespace Hexapla.Cli;

/// <summary>
/// The file size limit of <c>hexapla import</c>: <c>Hexapla:Limits:ImportFileBytes</c>, from <c>appsettings.json</c> next
/// to the program and the environment (<c>Hexapla__Limits__ImportFileBytes</c>), as <c>serve</c> reads its settings.
/// </summary>
internal static class ImportLimits
{
    /// <summary>The limits as <c>serve</c> would read them (without its command-line options).</summary>
    public static Limits Settings() => Limits.From(new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build());
}
