using Hexapla.Admin;
using Hexapla.Api;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Search;
using Hexapla.Site;
using Hexapla.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;

namespace Hexapla.Hosting;

/// <summary>What <c>serve</c> needs to start the site.</summary>
internal sealed record ServeSettings(string DataFolder, string Urls, bool ImportSamples, string[] ConfigurationArgs)
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Settings that tests set directly, as <c>Hexapla:Name</c> keys.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The sample files imported into an empty store: all bundled ones, or the few a test names.</summary>
    public Func<IReadOnlyList<ImportFile>> SampleFiles { get; init; } = SampleContent.Files;

    /// <summary>Whether the samples come with their site structure (sections, kinds, menus); tests that count pages' links leave it out.</summary>
    public bool SampleStructure { get; init; } = true;
}

/// <summary>The web host: the table of contents of the running site.</summary>
internal static class WebHost
{
    /// <summary>The folder inside the data folder that holds the keys signing session and antiforgery cookies.</summary>
    public const string KeysFolder = "keys";

    public static async Task<WebApplication> BuildAsync(ServeSettings settings, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.ConfigurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Limits.MaxRequestBodySize = Limits.From(context.Configuration).RequestBodyBytes);
        builder.Configuration.AddInMemoryCollection(settings.Overrides);

        // Settings: one class, validated at start. The default language's refusal says what is wrong and what was meant.
        var configuredLanguage = builder.Configuration[$"{HexaplaOptions.Section}:{nameof(HexaplaOptions.DefaultLanguage)}"];
        var languageProblem = string.IsNullOrWhiteSpace(configuredLanguage) ? null : LanguageTag.Validate(configuredLanguage).Reason;
        builder.Services.AddOptions<HexaplaOptions>()
            .BindConfiguration(HexaplaOptions.Section)
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Hexapla:TimeZone names no known time zone (use an IANA name such as Europe/Moscow).")
            .Validate(o => string.IsNullOrWhiteSpace(o.DefaultLanguage) || LanguageTag.TryParse(o.DefaultLanguage, out _),
                $"Hexapla:DefaultLanguage \"{configuredLanguage}\" is not a valid BCP 47 language tag: {languageProblem ?? "it is not registered."} Use a registered tag such as en-GB.")
            .Validate(o => o.PageSize is >= 1 and <= 200, "Hexapla:PageSize must be between 1 and 200.")
            .Validate(o => o.SitemapPageSize is >= 1 and <= DiscoveryEndpoints.MaxSitemapUrls, "Hexapla:SitemapPageSize must be between 1 and 50000.")
            .Validate(o => ForwardedHeadersSetup.Parse(o.KnownProxies) is not null, "Hexapla:KnownProxies must list IP addresses separated by commas.")
            .Validate(o => Enum.IsDefined(o.Menus.MissingLanguage), "Hexapla:Menus:MissingLanguage must be Omit or LinkOriginal.")
            .Validate(o => o.PublicMaxAge >= TimeSpan.Zero && o.CacheRecheck >= TimeSpan.Zero && o.PageCacheMegabytes >= 0, "Hexapla:PublicMaxAge, CacheRecheck and PageCacheMegabytes must not be negative.")
            .ValidateOnStart();
        // A site that listens beyond loopback is told its own address, or the host names it answers to.
        var addressProblem = PublicAddress.Problem(settings.Urls, null, null);
        builder.Services.AddOptions<HexaplaOptions>()
            .Validate(o => PublicAddress.Problem(settings.Urls, o.BaseUrl, builder.Configuration["AllowedHosts"]) is null, addressProblem ?? "unused")
            .ValidateOnStart();
        // Limits on input: one class, every limit a setting.
        builder.Services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section);
        builder.Services.AddOptions<Limits>().BindConfiguration(Limits.Section).Validate(l => l.Problem() is null, "Hexapla:Limits has a value out of range.").ValidateOnStart();

        // Storage and time: the store is opened (and migrated) before the host starts.
        var store = await StoreSetup.OpenAsync(settings.DataFolder, cancellationToken);
        builder.Services.AddSingleton(store);
        // Accounts live in the same store as the content (SQLite or PostgreSQL).
        builder.Services.AddSingleton((IAccountStore)store);
        builder.Services.AddSingleton((ITranslationStatusStore)store);
        builder.Services.AddSingleton((IGlossaryStore)store);
        builder.Services.AddSingleton((ITranslationMemory)store);
        // Media: items, files and renditions in the same store, so every node serves every file.
        builder.Services.AddSingleton((IMediaStore)store);
        builder.Services.AddSingleton(services => new MediaLibrary(services.GetRequiredService<IMediaStore>(), settings.Clock));
        builder.Services.AddSingleton((IStructureStore)store);
        builder.Services.AddSingleton(services => new Sections.StructureEditor(services.GetRequiredService<IStructureStore>(), settings.Clock));
        builder.Services.AddMediaServing(settings.DataFolder);
        builder.Services.AddSingleton(settings.Clock);
        builder.Services.AddSingleton<SiteContext>();

        // Search: the index in the data folder, in step with the store before the first request; embargoes lift into it,
        // and writes made by other processes sharing the store are followed into it.
        var index = await SearchSetup.OpenInStepAsync(store, settings.DataFolder, settings.Clock, message => Console.Error.WriteLine($"hexapla: {message}"), cancellationToken);
        builder.Services.AddSingleton<ISearchIndex>(index);
        builder.Services.AddHostedService<EmbargoRelease>();
        builder.Services.AddHostedService<IndexFollower>();

        // The editorial workflow: every change by a person goes through the newsroom (store, audit, index).
        builder.Services.AddSingleton(services => new Newsroom(services.GetRequiredService<IContentStore>(), services.GetRequiredService<ISearchIndex>(), settings.Clock)
        {
            MaxSegmentsPerDocument = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Limits>>().Value.SegmentsPerDocument,
            RequireSecondPerson = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReviewOptions>>().Value.RequireSecondPerson,
        });
        // Releases of several versions at one instant are carried out when due; the API wakes the runner when it makes one.
        builder.Services.AddSingleton<ReleaseRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReleaseRunner>());

        // Optional machine translation (LibreTranslate), only when Hexapla:MachineTranslation:Url is set.
        builder.Services.AddMachineTranslation(builder.Configuration);

        // Public answers kept with their compressed forms while the store's generation stands; compression.
        builder.Services.AddPageCache();

        // Errors: problem details for the API, friendly pages for the site.
        builder.Services.AddProblemDetails();

        // Accounts: cookie sessions for people, bearer tokens for programs, antiforgery on every admin form.
        // The keys that sign cookies live in the data folder, so sessions survive a restart, go into backups,
        // and every node sharing the folder's keys accepts the same cookies.
        builder.Services.AddDataProtection()
            .SetApplicationName("Hexapla")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, KeysFolder)));
        builder.Services.AddAdminAuth();

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(index.Dispose);

        // The bundled samples, so a newcomer sees a document at once.
        if (settings.ImportSamples && await store.CountDocumentsAsync(cancellationToken) == 0)
        {
            // The statement's map and PDF first, so its text can name them by the ids the store gives.
            var samples = store is IMediaStore media
                ? await SampleContent.WithMediaAsync(media, settings.SampleFiles(), settings.Clock, cancellationToken)
                : settings.SampleFiles();

            // The sections and kinds first: the statement's front matter names them.
            var structures = settings.SampleStructure ? store as IStructureStore : null;
            if (structures is not null)
            {
                await SampleContent.AddStructureAsync(structures, settings.Clock, cancellationToken);
            }

            var report = await new Importer(store, settings.Clock, index).ImportAsync(
                samples, new ImportOptions { TimeZone = app.Services.GetRequiredService<SiteContext>().TimeZone }, cancellationToken: cancellationToken);
            if (structures is not null)
            {
                await SampleContent.PlaceAsync(structures, store, samples, settings.Clock, cancellationToken);
            }
            app.Logger.LogInformation("Imported the bundled sample content: {Documents} document(s), {Versions} version(s)", report.DocumentsCreated, report.VersionsCreated);
        }

        // HEAD is routed and answered as GET without the body, so routing comes after it.
        app.UseHeadAsGet();
        app.UseRouting();

        // Behind a reverse proxy (Hexapla:KnownProxies): the client's address, scheme and host.
        app.UseForwardedHeadersFromKnownProxies(app.Configuration[$"{HexaplaOptions.Section}:{nameof(HexaplaOptions.KnownProxies)}"]);

        // Security headers on every response, set before anything else can answer.
        app.UseSecurityHeaders();

        app.UseExceptionHandler(errors => errors.Run(WriteErrorAsync));
        app.UseStatusCodePages(WriteStatusPageAsync);

        // Old portal links and the switcher's cookie.
        app.UseLanguageRedirects();

        // Compression, and public answers served from memory while still current.
        app.UsePageCache();

        // Stylesheets and the admin script, served from the binary with a content hash in their URLs.
        app.MapAssetFiles();

        // Form bodies read once, so that one the framework cannot read is a 400 that says so.
        app.UseFormReading();

        // Who is asking, and the admin pages: all in one /admin route group that requires a signed-in user.
        app.UseAdminAuth();
        var admin = app.MapAdminGroup();
        admin.MapAdminHome();
        admin.MapAdminNewDocument();
        admin.MapAdminPreview();
        admin.MapAdminEditor();
        admin.MapAdminMachineTranslation();
        admin.MapAdminXliff();
        admin.MapAdminHistory();
        admin.MapAdminAudit();
        admin.MapAdminUsers();
        admin.MapAdminTranslations();
        admin.MapAdminWork();
        admin.MapAdminReleases();
        admin.MapAdminSegments();
        admin.MapAdminTranslationMedia();
        admin.MapAdminGlossary();
        admin.MapAdminMedia();

        // Public site, feeds and sitemap, read API; the API's writes (a token group) and its calls for signed-in callers.
        app.MapDiscovery();
        app.MapReadApi();
        app.MapWriteApi();
        app.MapReleaseApi();
        app.MapMediaApi();
        app.MapSignedInApiGroup().MapStatusApi().MapReleaseReads();
        app.MapOpenApiDocument();
        app.MapSearch();
        app.MapCompare();
        app.MapMedia();
        app.MapSections();
        app.MapSite();
        return app;
    }

    private static async Task WriteErrorAsync(HttpContext http)
    {
        var failure = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (TooLarge.Is(failure))
        {
            // A body over a limit is the sender's mistake, not ours: a 413 naming the limit.
            await TooLarge.WriteAsync(http);
            return;
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hexapla")
            .LogError(failure, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(title: "Internal error", detail: "The server could not answer this request. It has been logged.", statusCode: 500).ExecuteAsync(http);
            return;
        }

        // The error page speaks the language of the address that failed, as the 404 page does, else the site's default.
        // Its interface falls back on the configured default only: asking the store which language has most documents could fail again.
        var language = await ErrorLanguageAsync(http);
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HexaplaOptions>>().Value;
        LanguageTag? siteDefault = LanguageTag.TryParse(options.DefaultLanguage, out var configured) ? configured : null;
        var queryLength = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Limits>>().Value.QueryLength;
        var frame = new PageFrame { Language = language, SiteDefault = siteDefault, Title = SiteText.For(language, siteDefault).ErrorTitle, SiteName = options.SiteName, NoIndex = true, QueryLength = queryLength };
        await SiteEndpoints.HtmlResult(Pages.Layout(frame, Pages.Error(frame.Text)), StatusCodes.Status500InternalServerError).ExecuteAsync(http);
    }

    private static async Task WriteStatusPageAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: http.Response.StatusCode).ExecuteAsync(http);
            return;
        }

        if (http.Response.StatusCode == StatusCodes.Status404NotFound)
        {
            var site = http.RequestServices.GetRequiredService<SiteContext>();
            var language = await LanguageSegment.OfPathAsync(http.Request.Path, site, http.RequestAborted);
            await (await SiteEndpoints.NotFoundAsync(http, site, language, http.RequestAborted)).ExecuteAsync(http);
        }
    }

    /// <summary>
    /// The language of a 500 page: the address's (<see cref="LanguageSegment"/>), else the site's default; English when
    /// even that cannot be read, since the store may be what failed.
    /// </summary>
    private static async Task<LanguageTag> ErrorLanguageAsync(HttpContext http)
    {
        try
        {
            var site = http.RequestServices.GetRequiredService<SiteContext>();
            return await LanguageSegment.OfPathOrDefaultAsync(http.Request.Path, site, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return LanguageTag.Parse("en");
        }
    }
}
