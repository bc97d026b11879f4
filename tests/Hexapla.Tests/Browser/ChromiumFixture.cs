using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// One Playwright driver and one headless chromium, shared by the tests of a class (each test opens its own
/// context, so cookies never leak between tests). It drives the distribution's chromium and never downloads a
/// browser; when that chromium is missing, <see cref="Browser"/> stays null and the tests skip.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string NotInstalledReason = "chromium is not installed (/usr/bin/chromium); .ci/run installs it";

    /// <summary>
    /// How long a browser step may wait (a page, an element, a navigation): how long before a test gives up, not a speed
    /// check. The machines are shared: a sign-in during a full parallel test run once took more than 15 s.
    /// </summary>
    public const float StepTimeout = 45_000;

    // Headless in a container as root: no sandbox, no GPU, and nothing that phones home during a test.
    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private IPlaywright? _playwright;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>The shared browser; null when chromium is not installed.</summary>
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
