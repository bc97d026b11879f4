using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using System.Xml;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;
using Microsoft.Extensions.Options;

namespace Hexapla.Site.Export;

/// <summary>What <see cref="SiteExporter"/> writes, and where.</summary>
/// <param name="OutputFolder">The folder the site goes to; it must be missing or empty unless <paramref name="Force"/>.</param>
/// <param name="BaseUrl">The public address the files will be served at (<c>https://press.example.org</c>, maybe with a path), for canonical links, alternates, feeds and the sitemap.</param>
/// <param name="SearchUrl">A running Hexapla the header's search box sends queries to; null leaves the box out.</param>
/// <param name="Force">Replace a non-empty folder that holds an earlier export.</param>
/// <param name="Compare">Write the side-by-side pages of every pair of versions (and keep the links to them).</param>
/// <param name="OriginalUpdatedNotice">Tell readers of a translation that its original was updated since, as the live site does (<c>Hexapla:Review:OriginalUpdatedNotice</c>).</param>
internal sealed record SiteExportOptions(string OutputFolder, string BaseUrl, string? SearchUrl = null, bool Force = false, bool Compare = true, bool OriginalUpdatedNotice = true);

/// <summary>What an export wrote.</summary>
internal sealed record SiteExportReport(int Documents, int Pages, int Files, TimeSpan Elapsed, int MediaFiles = 0);

/// <summary>The export refused to start or failed; the message is for the person who ran it, and nothing was replaced.</summary>
internal sealed class SiteExportException(string message) : Exception(message);

/// <summary>
/// Writes the public site as static files: the pages the server renders (with the same code, so the bytes match but
/// for links), the feeds, the sitemap, robots.txt, the assets, a 404 page, and the media files and renditions the
/// pages refer to (<see cref="ExportedMedia"/>). Only versions public at the export's
/// instant appear: the clock is read once and every page is rendered at that instant.
/// </summary>
/// <remarks>
/// The site is written into a fresh folder beside the target and moved into place at the end, so a failed export
/// leaves the target as it was and a server never sees half of a new export.
/// </remarks>
internal static partial class SiteExporter
{
    /// <summary>Documents loaded from the store and rendered together, by one thread.</summary>
    private const int Batch = 64;

    /// <summary>Home page listings read from the store at once (pages of <see cref="HexaplaOptions.PageSize"/>).</summary>
    private const int ListingChunk = 2000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>How many versions an export at <paramref name="now"/> will render: the total of a progress bar.</summary>
    public static async Task<long> CountVersionsAsync(IContentStore store, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await store.CountPublishedByLanguageAsync(now, cancellationToken)).Sum(c => c.Count);

    /// <summary>Exports the site of <paramref name="store"/> as it is public at <paramref name="now"/>.</summary>
    /// <param name="store">Where the content comes from.</param>
    /// <param name="settings">The site's settings (name, page size, time zone…), as serve uses them.</param>
    /// <param name="now">The export's instant: what is public then is written.</param>
    /// <param name="options">Where to write, and for which address.</param>
    /// <param name="progress">Told the number of versions rendered so far.</param>
    /// <param name="cancellationToken">Stops the export; the target is left as it was.</param>
    /// <param name="media">Told the media addresses written so far, out of all the pages refer to.</param>
    /// <exception cref="SiteExportException">The output folder is not empty (without <c>Force</c>) or does not hold an earlier export.</exception>
    public static async Task<SiteExportReport> ExportAsync(
        IContentStore store, HexaplaOptions settings, DateTimeOffset now, SiteExportOptions options, IProgress<long>? progress = null,
        IProgress<(int Done, int Total)>? media = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var target = Path.GetFullPath(options.OutputFolder).TrimEnd(Path.DirectorySeparatorChar);
        CheckTarget(target, options.Force);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var searchUrl = options.SearchUrl?.TrimEnd('/');
        var site = new SiteContext(store, new FrozenClock(now), Options.Create(settings), review: Options.Create(new ReviewOptions { OriginalUpdatedNotice = options.OriginalUpdatedNotice }));
        string Absolute(string path) => baseUrl + ExportLinks.UrlPath(path);

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}");
        var referenced = new ExportedMedia();
        var output = new Output(staging, referenced);
        try
        {
            var languages = await site.SiteLanguagesAsync(cancellationToken);
            // A page in a language without an interface of its own gets the default's, as on the live site.
            var defaultLanguage = await site.DefaultLanguageAsync(cancellationToken);
            var counts = (await store.CountPublishedByLanguageAsync(now, cancellationToken)).ToDictionary(c => c.Language, c => c.Count);

            // The public assets (not the editor's) keep their names; the pages ask for them with ?v=, which static servers ignore.
            foreach (var (name, content) in StaticAssets.All.Where(a => !a.Name.StartsWith("admin.", StringComparison.Ordinal)))
            {
                output.WriteBytes($"assets/{name}", content);
            }

            // Home pages (paged as on the live site) and feeds, one task per language, beside the documents.
            var homes = languages.Select(language => Task.Run(async () =>
            {
                await WriteHomePagesAsync(site, language, counts[language], languages, defaultLanguage, output, searchUrl, Absolute, cancellationToken);
                var feed = await store.ListPublishedAsync(language, now, 0, DiscoveryEndpoints.FeedSize, cancellationToken);
                output.WriteText(ExportLinks.FilePath(ExportLinks.UrlPath($"/{language.UrlSegment}/feed.atom")), DiscoveryEndpoints.Feed(site, language, feed, Absolute, defaultLanguage));
            }, cancellationToken)).ToList();

            // Section pages (paged as on the live site, without the filter form: filters need a server) and their feeds.
            homes.Add(Task.Run(() => WriteSectionPagesAsync(site, languages, defaultLanguage, output, searchUrl, Absolute, cancellationToken), cancellationToken));

            // Documents: loaded and rendered a batch at a time on several threads, and added to the sitemap in slug order.
            int documents;
            try
            {
                documents = await WriteDocumentsAsync(site, languages, defaultLanguage, output, options, searchUrl, Absolute, progress, cancellationToken);
            }
            finally
            {
                await Task.WhenAll(homes);
            }

            // The media files and renditions the pages and feeds refer to, at the same addresses.
            var (mediaFiles, _) = await referenced.WriteAsync(store, now, staging, media, cancellationToken);

            // The landing page, the 404 page, robots.txt.
            output.WriteText("index.html", Landing(site, defaultLanguage, languages, Absolute));
            var rootPrefix = new Uri(baseUrl + "/").AbsolutePath.TrimEnd('/');
            output.WriteText("404.html", ExportLinks.Rewrite(SiteEndpoints.NotFoundPage(site, defaultLanguage, languages, defaultLanguage), "/404.html", searchUrl, rootPrefix));
            output.WriteText("robots.txt", DiscoveryEndpoints.RobotsTxt(baseUrl + "/sitemap.xml"));

            Swap(staging, target);
            return new SiteExportReport(documents, output.Pages, output.Files + mediaFiles, watch.Elapsed, mediaFiles);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static async Task WriteHomePagesAsync(
        SiteContext site, LanguageTag language, long count, IReadOnlyList<LanguageTag> languages, LanguageTag siteDefault, Output output, string? searchUrl, Func<string, string> absolute, CancellationToken cancellationToken)
    {
        var size = site.Options.PageSize;
        var pages = (int)Math.Max(1, (count + size - 1) / size);
        // Listings are read many pages at once: one query per page would sort the language's versions again each time.
        for (var first = 0; first < pages * size; first += ListingChunk - (ListingChunk % size))
        {
            var chunk = await site.Store.ListPublishedAsync(language, site.Now, first, ListingChunk - (ListingChunk % size), cancellationToken);
            for (var offset = 0; offset < Math.Max(chunk.Items.Count, 1); offset += size)
            {
                var pageNumber = ((first + offset) / size) + 1;
                var listing = new PublishedPage(chunk.Total, [.. chunk.Items.Skip(offset).Take(size)]);
                var urlPath = ExportLinks.UrlPath(pageNumber == 1 ? $"/{language.UrlSegment}/" : $"/{language.UrlSegment}/?page={pageNumber}");
                var html = SiteEndpoints.HomePage(site, language, pageNumber, listing, languages, absolute, siteDefault);
                output.WritePage(urlPath, ExportLinks.Rewrite(html, urlPath, searchUrl));
            }
        }
    }

    /// <summary>
    /// Every section's page in every language of the site (paged as the live site pages them) and its feed: the public
    /// versions of the section and those below it, what the live site shows at the export's instant.
    /// </summary>
    private static async Task WriteSectionPagesAsync(
        SiteContext site, IReadOnlyList<LanguageTag> languages, LanguageTag siteDefault, Output output, string? searchUrl, Func<string, string> absolute, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        var size = site.Options.PageSize;
        foreach (var section in structure.Sections)
        {
            var path = structure.PathOf(section.Id)!;
            var ids = structure.SelfAndDescendants(section.Id);
            var sectionLanguages = await site.Store.ListSectionLanguagesAsync(ids, site.Now, cancellationToken);
            foreach (var language in languages)
            {
                var filter = new ListingFilter(language) { SectionIds = ids };
                var interfaceDefault = Interface.InterfaceLanguages.Find(language) is null ? siteDefault : null;
                var title = section.TitleFor(language, siteDefault);
                var navigation = await SiteNavigation.ForAsync(site, language, section.ParentId, title, cancellationToken);
                for (var pageNumber = 1; ; pageNumber++)
                {
                    var listing = await site.Store.ListFilteredAsync(filter, site.Now, (pageNumber - 1) * size, size, cancellationToken);
                    if (pageNumber > 1 && listing.Items.Count == 0)
                    {
                        break;
                    }

                    var live = SiteNavigation.SectionPath(language, path) + (pageNumber == 1 ? string.Empty : $"?page={pageNumber}");
                    var urlPath = ExportLinks.UrlPath(live);
                    var html = SectionEndpoints.SectionPage(
                        site, structure, section, language, siteDefault, pageNumber, listing, sectionLanguages, absolute, interfaceDefault, ListingQuery.None, null, navigation);
                    output.WritePage(urlPath, ExportLinks.Rewrite(html, urlPath, searchUrl));
                    if ((long)pageNumber * size >= listing.Total)
                    {
                        break;
                    }
                }

                var feed = await site.Store.ListFilteredAsync(filter, site.Now, 0, DiscoveryEndpoints.FeedSize, cancellationToken);
                output.WriteText(
                    ExportLinks.FilePath(ExportLinks.UrlPath(SectionEndpoints.FeedPath(language, path))),
                    SectionEndpoints.SectionFeed(site, structure, section, language, siteDefault, feed, absolute, interfaceDefault, media: null));
            }
        }
    }

    private static async Task<int> WriteDocumentsAsync(
        SiteContext site, IReadOnlyList<LanguageTag> languages, LanguageTag siteDefault, Output output, SiteExportOptions options, string? searchUrl,
        Func<string, string> absolute, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Every document with a version public now, in slug order (the store's own stream reads one document at a
        // time on one connection, which leaves the renderers waiting; batches load on several connections at once).
        var slugs = await site.Store.SlugsPublishedBetweenAsync(DateTimeOffset.MinValue, site.Now, cancellationToken);
        var batches = Channel.CreateBounded<Task<List<Document>>>(new BoundedChannelOptions(Math.Max(2, Environment.ProcessorCount * 2)) { SingleReader = true, SingleWriter = true });
        long versionsDone = 0;

        // The batches start in order, a few ahead of the sitemap writer, which takes them in the same order.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var starter = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in slugs.Chunk(Batch))
                {
                    var work = Task.Run(() => LoadAndWriteAsync(batch), stop.Token);
                    await batches.Writer.WriteAsync(work, stop.Token);
                }
            }
            finally
            {
                batches.Writer.TryComplete();
            }
        }, stop.Token);

        var documents = 0;
        try
        {
            var sections = await DiscoveryEndpoints.SectionEntriesAsync(site, cancellationToken);
            await using var sitemap = new SitemapFiles(output, languages, sections, absolute, site.Options.SitemapPageSize);
            await foreach (var work in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var document in await work)
                {
                    await sitemap.AddAsync(document, site.Now);
                    documents++;
                }
            }

            await sitemap.FinishAsync();
        }
        catch
        {
            // Stop starting batches, and let those already started end before the staging folder is deleted.
            await stop.CancelAsync();
            await starter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var pending = new List<Task>();
            while (batches.Reader.TryRead(out var work))
            {
                pending.Add(work);
            }

            await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        return documents;

        async Task<List<Document>> LoadAndWriteAsync(string[] batch)
        {
            var found = await site.Store.FindLiveDocumentsAsync(batch, stop.Token);
            var loaded = new List<Document>(batch.Length);
            foreach (var slug in batch)
            {
                if (!found.TryGetValue(slug, out var document))
                {
                    continue;
                }

                var published = document.PublishedVersions(site.Now);
                foreach (var version in published)
                {
                    WriteDocumentPage(site, document, published, version, output, options, searchUrl, absolute, siteDefault);
                }

                loaded.Add(document);
                progress?.Report(Interlocked.Add(ref versionsDone, published.Count));
            }

            return loaded;
        }
    }

    private static void WriteDocumentPage(
        SiteContext site, Document document, IReadOnlyList<LanguageVersion> published, LanguageVersion version, Output output, SiteExportOptions options, string? searchUrl, Func<string, string> absolute,
        LanguageTag siteDefault)
    {
        var page = SiteEndpoints.DocumentPage(site, document, published, version.Language, absolute, options.Compare, siteDefault);
        var urlPath = ExportLinks.UrlPath(SiteContext.DocumentPath(version.Language, document.Slug));
        var html = page.Html;
        if (!options.Compare)
        {
            html = CompareLinks().Replace(html, string.Empty);
        }

        output.WritePage(urlPath, ExportLinks.Rewrite(html, urlPath, searchUrl));
        if (!options.Compare)
        {
            return;
        }

        foreach (var other in published.Where(v => v.Language != version.Language))
        {
            var compareUrl = ExportLinks.UrlPath(CompareEndpoints.ComparePath(version.Language, document.Slug, other.Language));
            output.WritePage(compareUrl, ExportLinks.Rewrite(CompareEndpoints.ComparePage(site, document, published, version, other, absolute, siteDefault), compareUrl, searchUrl));
        }
    }

    /// <summary>
    /// The site root: the live site sends a reader on by their cookie and browser, which a file cannot do, so the
    /// export's root sends them to the default language at once and lists the others (for readers whose browser
    /// does not follow the refresh). For search engines it is what the live root is, the home pages' x-default: it
    /// has their hreflang alternates (x-default, itself, included) and is its own canonical page.
    /// </summary>
    private static string Landing(SiteContext site, LanguageTag defaultLanguage, IReadOnlyList<LanguageTag> languages, Func<string, string> absolute)
    {
        var home = $"{defaultLanguage.UrlSegment}/";
        var alternates = SiteEndpoints.HomeAlternates(languages, absolute).Select(a => Html.Of($"""<link rel="alternate" hreflang="{a.HrefLang}" href="{a.Href}">"""));
        var links = languages.Select(l => Html.Of($"""<li><a href="{l.UrlSegment}/" hreflang="{l.Value}" lang="{l.Value}" dir="{l.HtmlDir}">{l.NativeName}</a></li>"""));
        return Html.Of($"""
            <!doctype html>
            <html lang="{defaultLanguage.Value}" dir="{defaultLanguage.HtmlDir}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{site.Options.SiteName}</title>
            <meta http-equiv="refresh" content="0; url={home}">
            <link rel="canonical" href="{absolute("/")}">
            {alternates}<link rel="icon" type="image/svg+xml" href="{StaticAssets.Href("favicon.svg").TrimStart('/')}">
            <link rel="stylesheet" href="{Pages.StylesheetHref.TrimStart('/')}">
            </head>
            <body>
            <main id="main">
            <h1>{site.Options.SiteName}</h1>
            <ul>{links}</ul>
            </main>
            </body>
            </html>
            """).Value;
    }

    /// <summary>Refuses a target that is a file, or a non-empty folder without --force, or with it one that holds no earlier export.</summary>
    private static void CheckTarget(string target, bool force)
    {
        if (File.Exists(target))
        {
            throw new SiteExportException($"--out {target} is a file; give a folder.");
        }

        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        if (!force)
        {
            throw new SiteExportException($"--out {target} is not empty; add --force to replace an earlier export there.");
        }

        // --force replaces the folder whole, so it must be an export, not a folder someone pointed at by mistake.
        if (!File.Exists(Path.Combine(target, "sitemap.xml")) || !File.Exists(Path.Combine(target, "robots.txt")) || !Directory.Exists(Path.Combine(target, "assets")))
        {
            throw new SiteExportException($"--out {target} is not empty and does not look like an earlier export (no sitemap.xml, robots.txt and assets/); refusing to replace it even with --force.");
        }
    }

    /// <summary>Moves the finished export into place; an earlier one is set aside first and deleted once the new one is there.</summary>
    private static void Swap(string staging, string target)
    {
        string? previous = null;
        if (Directory.Exists(target))
        {
            previous = $"{staging}.previous";
            Directory.Move(target, previous);
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            if (previous is not null)
            {
                Directory.Move(previous, target);
            }

            throw;
        }

        if (previous is not null)
        {
            TryDelete(previous);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left behind (hidden, beside the target) rather than failing an export that succeeded.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("""<nav class="compare-links"[^>]*>.*?</nav>""", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex CompareLinks();

    /// <summary>
    /// The sitemap as the live site serves it, written as the documents arrive in slug order: the home pages, the section pages, then each
    /// document's versions, cut into pages of <c>perFile</c> URLs (<c>sitemap-1.xml</c>, <c>sitemap-2.xml</c>…, as
    /// <see cref="DiscoveryEndpoints.SitemapPages"/> counts them), of which a single one becomes <c>sitemap.xml</c> and
    /// several get an index there.
    /// </summary>
    private sealed class SitemapFiles(
        Output output, IReadOnlyList<LanguageTag> languages, IReadOnlyList<DiscoveryEndpoints.SectionEntry> sections, Func<string, string> absolute, int perFile) : IAsyncDisposable
    {
        private FileStream? _file;
        private XmlWriter? _writer;
        private int _pages;
        private int _inPage;

        /// <summary>Adds the entries of <paramref name="document"/>'s versions public at <paramref name="now"/>, starting a page whenever the last is full.</summary>
        public async Task AddAsync(Document document, DateTimeOffset now)
        {
            await WriteHomesAsync();
            var versions = document.PublishedVersions(now).Select(v => new PublicVersion(v.Language, v.UpdatedAt));
            var entry = new PublicDocument(document.Slug, [.. versions]);
            for (var i = 0; i < entry.Versions.Count; i++)
            {
                DiscoveryEndpoints.WriteDocumentEntry(await NextEntryAsync(), entry, i, absolute);
            }
        }

        /// <summary>Ends the last page, then names a single page <c>sitemap.xml</c> or writes the index of several there.</summary>
        public async Task FinishAsync()
        {
            // With nothing public, an empty first page: the live site serves an empty sitemap then.
            await WriteHomesAsync();
            await EndPageAsync();
            if (_pages == 1)
            {
                output.Move(ExportLinks.FilePath(DiscoveryEndpoints.SitemapPagePath(1)), "sitemap.xml");
                return;
            }

            await using var file = output.Create("sitemap.xml");
            await using var index = XmlWriter.Create(file, new XmlWriterSettings { Indent = true, Async = true, Encoding = Utf8 });
            await DiscoveryEndpoints.WriteSitemapIndexAsync(index, _pages, absolute);
        }

        public async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }

            if (_file is not null)
            {
                await _file.DisposeAsync();
            }
        }

        /// <summary>The home pages come first in the sequence, before the first document.</summary>
        private async Task WriteHomesAsync()
        {
            if (_pages > 0)
            {
                return;
            }

            await StartPageAsync();
            foreach (var language in languages)
            {
                DiscoveryEndpoints.WriteHomeEntry(await NextEntryAsync(), language, languages, absolute);
            }

            foreach (var section in sections)
            {
                DiscoveryEndpoints.WriteSectionEntry(await NextEntryAsync(), section, absolute);
            }
        }

        /// <summary>The writer of the next URL's entry: the current page's, or a new page's when it holds <c>perFile</c>.</summary>
        private async Task<XmlWriter> NextEntryAsync()
        {
            if (_writer is null || _inPage == perFile)
            {
                await StartPageAsync();
            }

            _inPage++;
            return _writer!;
        }

        private async Task StartPageAsync()
        {
            await EndPageAsync();
            _pages++;
            _inPage = 0;
            _file = output.Create(ExportLinks.FilePath(DiscoveryEndpoints.SitemapPagePath(_pages)));
            _writer = XmlWriter.Create(_file, new XmlWriterSettings { Indent = true, Async = true, Encoding = Utf8 });
            await DiscoveryEndpoints.WriteSitemapStartAsync(_writer);
        }

        private async Task EndPageAsync()
        {
            if (_writer is null)
            {
                return;
            }

            await DiscoveryEndpoints.WriteSitemapEndAsync(_writer);
            await DisposeAsync();
            (_writer, _file) = (null, null);
        }
    }

    /// <summary>The export's files, written under the staging folder by several renderers at once.</summary>
    private sealed class Output(string root, ExportedMedia media)
    {
        private int _pages;
        private int _files;

        public int Pages => _pages;

        public int Files => _files;

        public void WritePage(string urlPath, string html)
        {
            WriteText(ExportLinks.FilePath(urlPath), html);
            Interlocked.Increment(ref _pages);
        }

        public void WriteText(string relativePath, string text)
        {
            media.Collect(text);
            WriteBytes(relativePath, Utf8.GetBytes(text));
        }

        public void WriteBytes(string relativePath, byte[] content)
        {
            var path = Prepare(relativePath);
            File.WriteAllBytes(path, content);
            Interlocked.Increment(ref _files);
        }

        /// <summary>Renames a file written earlier; the number of files stays the same.</summary>
        public void Move(string fromRelativePath, string toRelativePath) => File.Move(Prepare(fromRelativePath), Prepare(toRelativePath));

        public FileStream Create(string relativePath)
        {
            var path = Prepare(relativePath);
            Interlocked.Increment(ref _files);
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        }

        private string Prepare(string relativePath)
        {
            var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }
    }

    /// <summary>The export's instant, for every page: an embargo lifting mid-export must not make some pages disagree with others.</summary>
    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
