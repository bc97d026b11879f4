using System.Globalization;

namespace Hexapla.Hosting;

/// <summary>
/// Every size and count limit on input, bound to <c>Hexapla:Limits</c> (defaults in <c>appsettings.json</c>; each also an
/// environment variable such as <c>Hexapla__Limits__UploadBytes</c>). Input over a limit is refused with a message that
/// names the limit and the size, and nothing is stored.
/// </summary>
public sealed class Limits
{
    public const string Section = "Hexapla:Limits";

    /// <summary>The largest request body, in bytes, except for file uploads: API calls and admin forms.</summary>
    public long RequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest file upload, in bytes: media (images, PDFs, office documents, audio, video) through the admin and the
    /// API. 100 MiB by default: a press conference's recording or a scanned report fits, and the upload is spooled to a
    /// temporary file, never held in memory. Interchange files are also held to <see cref="InterchangeUploadBytes"/>.
    /// </summary>
    public long UploadBytes { get; set; } = DefaultUploadBytes;

    /// <summary><see cref="UploadBytes"/> unless set.</summary>
    public const long DefaultUploadBytes = 100 * 1024 * 1024;

    /// <summary>
    /// The largest XLIFF or glossary file the admin takes, in bytes (the smaller of this and <see cref="UploadBytes"/>):
    /// these are parsed whole in memory, so they keep a limit of their own however large media may be.
    /// </summary>
    public long InterchangeUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest file <c>hexapla import</c> reads, in bytes.</summary>
    public long ImportFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most segments (paragraphs, headings, list items, table cells) one language version may have.</summary>
    public int SegmentsPerDocument { get; set; } = 5_000;

    /// <summary>The longest search query, in characters.</summary>
    public int QueryLength { get; set; } = DefaultQueryLength;

    /// <summary><see cref="QueryLength"/> unless set.</summary>
    public const int DefaultQueryLength = 500;

    /// <summary>Failed logins for one account within <see cref="LoginWindow"/> before it is refused for <see cref="LoginLockout"/>.</summary>
    public int LoginFailuresPerAccount { get; set; } = Admin.LoginThrottle.AccountLimit;

    /// <summary>Failed logins from one address within <see cref="LoginWindow"/> before it is refused for <see cref="LoginLockout"/>.</summary>
    public int LoginFailuresPerAddress { get; set; } = Admin.LoginThrottle.AddressLimit;

    /// <summary>How long failed logins are counted.</summary>
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refused account or address stays refused.</summary>
    public TimeSpan LoginLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The limits in <paramref name="configuration"/>, for code that runs before or without the host (Kestrel, the CLI).</summary>
    public static Limits From(IConfiguration configuration) => configuration.GetSection(Section).Get<Limits>() ?? new Limits();

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Problem() =>
        RequestBodyBytes < 1024 || UploadBytes < 1024 || InterchangeUploadBytes < 1024 || ImportFileBytes < 1 ? "Hexapla:Limits byte sizes must be at least 1024 (ImportFileBytes at least 1)."
        : SegmentsPerDocument < 1 || QueryLength < 1 || LoginFailuresPerAccount < 1 || LoginFailuresPerAddress < 1 ? "Hexapla:Limits counts must be at least 1."
        : LoginWindow <= TimeSpan.Zero || LoginLockout <= TimeSpan.Zero ? "Hexapla:Limits LoginWindow and LoginLockout must be positive."
        : null;

    /// <summary>A size for people: <c>512 bytes</c>, <c>1.5 KiB</c>, <c>10 MiB</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB"),
    };
}
