using Hexapla.Hosting;
using Hexapla.Interchange;

namespace Hexapla.Cli;

/// <summary>
/// The file size limit of <c>hexapla import</c>: <c>Hexapla:Limits:ImportFileBytes</c>, from <c>appsettings.json</c> next
/// to the program and the environment (<c>Hexapla__Limits__ImportFileBytes</c>), as <c>serve</c> reads its settings.
/// </summary>
internal static class ImportLimits
{
    /// <summary>
    /// A reader for one run: reads the limit once, then refuses, unread, each file over it (an
    /// <see cref="ImportException"/> naming the file, its size and the limit).
    /// </summary>
    public static Func<string, ImportFile> Reader()
    {
        var limit = Settings().ImportFileBytes;
        return path => ImportFile.Read(path, limit, "Hexapla:Limits:ImportFileBytes");
    }

    /// <summary>The limits as <c>serve</c> would read them (without its command-line options).</summary>
    public static Limits Settings() => Limits.From(new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build());
}
