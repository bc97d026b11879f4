using System.Threading.Channels;
using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interchange.Markdown;
using Hexapla.Interchange.ScrapedText;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Interchange;

/// <summary>What an import run did.</summary>
public sealed record ImportReport(
    int DocumentsCreated, int DocumentsUpdated, int VersionsCreated, int VersionsUpdated, int VersionsUnchanged,
    IReadOnlyList<string> Slugs)
{
    /// <summary>Of <see cref="VersionsUpdated"/>, how many got a working copy over their live text (which did not change).</summary>
    public int WorkingCopies { get; init; }

    /// <summary>
    /// Of <see cref="VersionsUnchanged"/>, how many were changed in Hexapla since their last import while their file was
    /// not: Hexapla's text was kept.
    /// </summary>
    public int KeptFromHexapla { get; init; }
}

/// <summary>The two passes of an import run.</summary>
public enum ImportStage
{
    /// <summary>Files are grouped into documents (read and checked first when their names do not say slug and language); nothing is written yet.</summary>
    Checking,

    /// <summary>The files are read (again) and checked, and the documents written (and indexed), one transaction for the run.</summary>
    Storing,
}

/// <summary>How far an import run is: in <paramref name="Stage"/>, <paramref name="Done"/> of <paramref name="Total"/> (files when checking, documents when storing).</summary>
public readonly record struct ImportProgress(int Done, int Total, string Current, ImportStage Stage = ImportStage.Checking);

/// <summary>
/// Imports files into the store in one transaction, which commits only when every file is good: a bad file leaves the
/// store as it was, and the refusal lists every problem found. Importing the same files again updates
/// the documents they describe (matched by slug and language), never duplicates them.
/// </summary>
/// <remarks>
/// <para>
/// An import respects the newsroom. A file imported again unchanged changes nothing. A new version is published (or,
/// with <c>draft: true</c>, a draft). A version that has been live (published, under embargo or withdrawn) keeps its
/// live text and its state: a changed file becomes a draft working copy over it, for review like any change. Every
/// revision an import writes is by <see cref="User.System"/> with the note <c>imported from FILE</c>
/// (<see cref="NotePrefix"/>); a version whose newest text is by anyone else was changed in Hexapla since, and a
/// changed file for it is a conflict that refuses the whole run, unless <see cref="ImportOptions.Overwrite"/> makes
/// the file a working copy over it. When the file is what was imported last, Hexapla's text is simply kept.
/// Each version written gets a <c>version.import</c> audit entry, a document whose section, kind or shared field values
/// the files change a <c>document.place</c> one, and the run an <c>import.run</c> one, in the run's transaction.
/// </para>
/// <para>
/// Front matter places the document (<see cref="ParsedVersion.Section"/>, <see cref="ParsedVersion.Kind"/>,
/// <see cref="ParsedVersion.Fields"/>), checked against the sections and kinds as the run starts: a section path or a
/// kind that does not exist, a key under <c>fields:</c> that the kind lacks, a value that does not fit its field's type,
/// two files of one document naming different sections, kinds or shared values, or a new document whose slug is a
/// section's, refuses the run, naming the file, the line, the field and the value. Translatable values go into the
/// file's version (a change is a new revision, a working copy over live text, like a text change); shared values onto
/// the document. A file naming no section or kind leaves the document's as they are; one naming a kind, or giving any of
/// its fields, states all of its version's translatable values (a value left out is removed).
/// </para>
/// <para>
/// Formats are told apart by content, then extension: a <c>---</c> (YAML) or <c>+++</c> (TOML) fence opens Markdown with front matter, a
/// <c>•</c> line opens scraped page text, <c>.md</c> is Markdown, anything else is scraped text. A bundle file name
/// <c>SLUG.LANG.EXT</c> gives the slug and the language; files that share a slug are versions of one document.
/// Without a slug, the title is transliterated into one.
/// </para>
/// <para>
/// A run takes two passes, so memory stays bounded whatever its size. The first groups the files into documents by
/// slug and language: a bundle file's name says both (its content must agree, or it is refused), so only other files
/// are parsed then, on every core. The second reads each document's files, checks them and streams the merged
/// documents through the store's
/// <see cref="IContentStore.BeginBulkWriteAsync">bulk write</see> (one transaction) and, beside it, into the index's
/// <see cref="ISearchIndex.BeginBulkUpdate">bulk update</see>. The index commits only after the store has, recording
/// the store's new generation: a crash before the store commits leaves both as they were; one between the two
/// commits leaves the index behind the store, which the generation check rebuilds. A problem found in the second pass
/// stops the writing, the rest of the files are still read to list every problem, and the transaction is discarded.
/// </para>
/// </remarks>
public sealed class Importer(IContentStore store, TimeProvider clock, ISearchIndex? index = null)
{
    /// <summary>The file extensions a folder walk picks up.</summary>
    public static readonly IReadOnlySet<string> Extensions = FileKinds.DocumentExtensions;

    /// <summary>Documents merged, written and indexed together; a few such batches are in flight at once.</summary>
    private const int BatchSize = 64;

    /// <summary>Batches waiting between two stages of the second pass.</summary>
    private const int BatchesInFlight = 2;

    /// <summary>The start of the note of every revision an import writes; the file's name follows.</summary>
    public const string NotePrefix = "imported from ";

    /// <summary>
    /// True when <paramref name="author"/> and <paramref name="note"/> say a revision was written by an import: by the
    /// system with an <see cref="NotePrefix"/> note, or by nobody (imports and saves from before accounts).
    /// </summary>
    public static bool IsImport(string? author, string? note) =>
        author is null || (author == User.System && note is not null && note.StartsWith(NotePrefix, StringComparison.Ordinal));

    /// <summary>
    /// The document files to import from <paramref name="paths"/>, chosen as <see cref="Sites.SiteLayouts.Select"/>
    /// chooses them (files as given, folders walked recursively for <see cref="Extensions"/>, skipping hidden files,
    /// <c>_</c>-prefixed files such as Hugo section pages, READMEs…), without what their sites' layouts say about them.
    /// </summary>
    /// <exception cref="ImportException">A path does not exist, or a file is not a document (named with its kind).</exception>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        var selection = Sites.SiteLayouts.Select(paths);
        var refused = selection.Refused
            .Concat(selection.Xliff.Select(f => new ImportError(f, null, "an XLIFF file, imported on its own")))
            .Concat(selection.Tmx.Select(f => new ImportError(f, null, "a TMX translation memory, imported on its own")))
            .ToList();
        return refused.Count > 0 ? throw new ImportException(refused) : [.. selection.Documents.Select(d => d.Path)];
    }

    /// <summary>Reads, checks and stores <paramref name="files"/> (already in memory) in one transaction.</summary>
    /// <exception cref="ImportException">Any file is bad; every problem found is listed and nothing is written.</exception>
    public Task<ImportReport> ImportAsync(
        IReadOnlyList<ImportFile> files, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return RunAsync(files.Count, i => files[i].Name, i => files[i].Hint is not null, i => files[i], options, progress, cancellationToken);
    }

    /// <summary>
    /// Reads (with <see cref="ImportFile.Read(string, long, string?)"/>, twice: see the remarks of <see cref="Importer"/>), checks and stores
    /// the files at <paramref name="paths"/> in one transaction, holding only a few hundred of them in memory at once.
    /// </summary>
    /// <exception cref="ImportException">Any file is bad or unreadable; every problem found is listed and nothing is written.</exception>
    public Task<ImportReport> ImportFilesAsync(
        IReadOnlyList<string> paths, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync(paths.Count, i => paths[i], _ => false, i => ImportFile.Read(paths[i], options.MaxFileBytes, options.MaxFileBytesSetting), options, progress, cancellationToken);
    }

    /// <summary>
    /// Reads, checks and stores the files <see cref="Sites.SiteLayouts.Select"/> chose, with what their site's layout says
    /// about each (language, translations paired by path or <c>translationKey</c>), in one transaction.
    /// </summary>
    /// <exception cref="ImportException">Any file is bad or unreadable; every problem found is listed and nothing is written.</exception>
    public Task<ImportReport> ImportFilesAsync(
        IReadOnlyList<Sites.SelectedFile> files, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync(files.Count, i => files[i].Path, i => files[i].Hint is not null,
            i => ImportFile.Read(files[i].Path, options.MaxFileBytes, options.MaxFileBytesSetting) with { Hint = files[i].Hint, IsKnownDocument = true },
            options, progress, cancellationToken);
    }

    /// <summary>
    /// What the first pass keeps of a file. A file whose site layout was recognised also keeps its
    /// <c>Key</c> (what pairs it with its translations) and what its slug may come from, until its group's
    /// slug is settled.
    /// </summary>
    private sealed record Head(int File, string Slug, Languages.LanguageTag Language, string Source)
    {
        public string? Key { get; init; }

        public string? OwnSlug { get; init; }

        public string? Name { get; init; }

        public string? Title { get; init; }

        public bool IsDefault { get; init; }

        public bool IsOriginal { get; init; }
    }

    /// <summary>A document of the second pass, merged and ready to write, or the problems that stop the run.</summary>
    private sealed record Merged(
        Document? Document, IReadOnlyList<MemoryUnit> Memory, IReadOnlyList<byte[]> MemoryKeys, bool Created, bool Updated, int VersionsCreated, int VersionsUpdated,
        int VersionsUnchanged, IReadOnlyList<ImportError> Errors)
    {
        /// <summary>One <c>version.import</c> entry per version written.</summary>
        public IReadOnlyList<AuditEntry> Audit { get; init; } = [];

        /// <summary>Versions that got a working copy over live text.</summary>
        public int WorkingCopies { get; init; }

        /// <summary>Versions whose file is what was last imported while Hexapla changed them since: kept.</summary>
        public int Kept { get; init; }
    }

    /// <summary>What the merge of one document is told of the store and writes down as it goes.</summary>
    private sealed class MergeContext(
        IReadOnlyDictionary<LanguageTag, VersionRevision?> lastImports, IReadOnlyDictionary<LanguageTag, Release> pending, ImportOptions options, DateTimeOffset now,
        Sections.SiteStructure structure)
    {
        /// <summary>The sections and kinds as the run started: what front matter's <c>section</c>, <c>kind</c> and fields are checked against.</summary>
        public Sections.SiteStructure Structure { get; } = structure;

        /// <summary>The pending releases the document's versions are members of.</summary>
        public IReadOnlyDictionary<LanguageTag, Release> Pending { get; } = pending;

        public ImportOptions Options { get; } = options;

        public DateTimeOffset Now { get; } = now;

        /// <summary>For each version changed in Hexapla since its import: its newest revision an import wrote (null: none).</summary>
        public IReadOnlyDictionary<LanguageTag, VersionRevision?> LastImports { get; } = lastImports;

        public List<AuditEntry> Audit { get; } = [];

        public int WorkingCopies { get; set; }

        public int Kept { get; set; }
    }

    private async Task<ImportReport> RunAsync(
        int count, Func<int, string> name, Func<int, bool> hinted, Func<int, ImportFile> read, ImportOptions options, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Title is { } title && EnteringText.FindRefused(title, "--title") is { } fault)
        {
            throw new ImportException("--title", null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"character {fault.Offset + 1}: {fault.What}"));
        }

        // First pass: files grouped into documents (parsed, on every core, unless their names say how), nothing written.
        var heads = CheckAll(count, name, hinted, read, options, progress, cancellationToken, out var errors);
        SettleSlugs(heads, errors);
        var groups = Group(heads, errors);
        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        // Second pass: read again, merge, write and index as a pipeline; commit the store, then the index.
        var now = clock.GetUtcNow();
        var slugs = groups.Keys.ToList();
        // Read before the write begins (a direct write may hold the store's lock); a store without structure has none.
        var structure = store is IStructureStore structureStore ? await structureStore.LoadStructureAsync(cancellationToken) : Sections.SiteStructure.Empty;
        await using var write = await store.BeginBulkWriteAsync(cancellationToken);
        using var indexing = index?.BeginBulkUpdate();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A version in a pending release must keep the text the release carries out.
        var pending = (write.StartedEmpty ? [] : await store.ListReleasesAsync(pendingOnly: true, int.MaxValue, cancellationToken))
            .SelectMany(release => release.Members.Select(member => (member, release)))
            .GroupBy(m => m.member.Slug, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<LanguageTag, Release>)g.ToDictionary(m => m.member.Language, m => m.release), StringComparer.Ordinal);
        var merged = Channel.CreateBounded<Merged[]>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var toIndex = Channel.CreateBounded<List<Document>>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });

        var merging = Stage(stop, merged.Writer, async token =>
        {
            for (var first = 0; first < slugs.Count; first += BatchSize)
            {
                var batch = slugs.GetRange(first, Math.Min(BatchSize, slugs.Count - first));
                // Into an empty store there is nothing to look up (and a direct write may hold the store's lock).
                var existing = write.StartedEmpty ? new Dictionary<string, Document>() : await store.FindDocumentsAsync(batch, token);
                var lastImports = await LastImportsAsync(batch, groups, existing, token);
                var results = new Merged[batch.Count];
                Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = token, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                    results[i] = MergeOne(batch[i], groups[batch[i]], existing.GetValueOrDefault(batch[i]), read,
                        new MergeContext(lastImports.GetValueOrDefault(batch[i]) ?? NoLastImports, pending.GetValueOrDefault(batch[i]) ?? NoReleases, options, now, structure)));
                await merged.Writer.WriteAsync(results, token);
            }
        });
        var indexed = indexing is null ? Task.CompletedTask : Stage<object>(stop, null, async token =>
        {
            await foreach (var documents in toIndex.Reader.ReadAllAsync(token))
            {
                await indexing.AddAsync(documents, now, token);
            }
        });

        int documentsCreated = 0, documentsUpdated = 0, versionsCreated = 0, versionsUpdated = 0, versionsUnchanged = 0, stored = 0, workingCopies = 0, kept = 0;
        var writing = Stage(stop, toIndex.Writer, async token =>
        {
            await foreach (var results in merged.Reader.ReadAllAsync(token))
            {
                var documents = new List<Document>(results.Length);
                foreach (var result in results)
                {
                    errors.AddRange(result.Errors);
                    if (errors.Count > 0)
                    {
                        // Keep reading to list every problem; nothing more is written, and nothing will be committed.
                        continue;
                    }

                    if (result.Created || result.Updated)
                    {
                        // A document the run leaves as it was is not written at all: no new generation for it, nothing to reindex.
                        await write.SaveAsync(result.Document!, token);
                        await write.AddMemoryAsync(result.Memory, result.MemoryKeys, token);
                        await write.AddAuditAsync(result.Audit, token);
                        documents.Add(result.Document!);
                    }

                    documentsCreated += result.Created ? 1 : 0;
                    documentsUpdated += result.Updated ? 1 : 0;
                    versionsCreated += result.VersionsCreated;
                    versionsUpdated += result.VersionsUpdated;
                    versionsUnchanged += result.VersionsUnchanged;
                    workingCopies += result.WorkingCopies;
                    kept += result.Kept;
                }

                stored += results.Length;
                progress?.Report(new ImportProgress(stored, slugs.Count, documents.Count > 0 ? documents[^1].Slug : "", ImportStage.Storing));
                if (indexing is not null && documents.Count > 0)
                {
                    await toIndex.Writer.WriteAsync(documents, token);
                }
            }
        });

        await WhenAllOrFirstFailure(cancellationToken, merging, writing, indexed);
        if (errors.Count > 0)
        {
            // Disposing the write and the index update uncommitted discards both.
            throw new ImportException(errors);
        }

        // The run itself, in its transaction: a refused run wrote nothing, so it leaves no entry either.
        var report = new ImportReport(documentsCreated, documentsUpdated, versionsCreated, versionsUpdated, versionsUnchanged, slugs)
        {
            WorkingCopies = workingCopies,
            KeptFromHexapla = kept,
        };
        await write.AddAuditAsync([new AuditEntry(0, now, User.System, "import.run", null, Describe(count, report))], cancellationToken);

        // The index writes out its buffered documents while the store commits (neither waits for the other); the index's
        // commit, which records the store's new generation, still comes only after the store's.
        var flushing = indexing is null ? Task.CompletedTask : Task.Run(() => indexing.FlushAsync(CancellationToken.None), CancellationToken.None);
        long generation;
        try
        {
            generation = await write.CommitAsync(cancellationToken);
        }
        finally
        {
            // Not left running when the store's commit fails: disposing the update rolls the index back.
            await flushing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await flushing;
        if (indexing is not null)
        {
            // Not cancellable: the store has committed, and the index should follow while it can.
            await indexing.CommitAsync(generation, now, CancellationToken.None);
        }

        return report;
    }

    /// <summary>The run's counts, as its audit entry states them.</summary>
    private static string Describe(int files, ImportReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{files} file(s): documents {report.DocumentsCreated} created, {report.DocumentsUpdated} updated; versions {report.VersionsCreated} created, " +
        $"{report.VersionsUpdated} updated ({report.WorkingCopies} as working copies), {report.VersionsUnchanged} unchanged ({report.KeptFromHexapla} kept as changed in Hexapla)");

    private static readonly IReadOnlyDictionary<LanguageTag, VersionRevision?> NoLastImports = new Dictionary<LanguageTag, VersionRevision?>();

    private static readonly IReadOnlyDictionary<LanguageTag, Release> NoReleases = new Dictionary<LanguageTag, Release>();

    /// <summary>
    /// For each version a file of <paramref name="batch"/> is for whose newest text was not written by an import (it
    /// was changed in Hexapla since): the newest revision an import did write, or null when none did. Only such
    /// versions cost a look at their history, which a store of imported text has none of.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<LanguageTag, VersionRevision?>>> LastImportsAsync(
        List<string> batch, Dictionary<string, List<Head>> groups, IReadOnlyDictionary<string, Document> existing, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Dictionary<LanguageTag, VersionRevision?>>(StringComparer.Ordinal);
        foreach (var slug in batch)
        {
            if (!existing.TryGetValue(slug, out var document))
            {
                continue;
            }

            foreach (var head in groups[slug])
            {
                if (document.Version(head.Language)?.Latest is { } latest && !IsImport(latest.Author, latest.Note))
                {
                    var history = await store.ListRevisionsAsync(slug, head.Language, cancellationToken);
                    var last = history.FirstOrDefault(r => IsImport(r.CreatedBy, r.Note));
                    (found.TryGetValue(slug, out var versions) ? versions : found[slug] = [])[head.Language] = last;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The slug and language of every file, or its problems, in file order: from the name of a bundle file
    /// (<c>SLUG.LANG.EXT</c>), which its content must agree with (the second pass checks), and from the content of
    /// any other file, which is parsed for them.
    /// </summary>
    private static Head?[] CheckAll(
        int count, Func<int, string> names, Func<int, bool> hinted, Func<int, ImportFile> read, ImportOptions options, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken, out List<ImportError> errors)
    {
        var heads = new Head?[count];
        var problems = new IReadOnlyList<ImportError>?[count];
        var done = 0;
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var name = names(i);
            try
            {
                if (hinted(i) && read(i) is { Hint: { } hint } file)
                {
                    var version = Parse(file, options);
                    heads[i] = new Head(i, "", version.Language, version.Source)
                    {
                        Key = KeyOf(version, hint),
                        OwnSlug = version.Slug,
                        Name = hint.Name,
                        Title = version.Title,
                        IsDefault = version.Language == hint.DefaultLanguage,
                        IsOriginal = version.IsOriginal == true,
                    };
                }
                else if (BundleName(name) is ({ } slug, { } language))
                {
                    heads[i] = new Head(i, slug, language, name);
                }
                else
                {
                    var version = Parse(read(i), options);
                    heads[i] = new Head(i, version.Slug!, version.Language, version.Source);
                }
            }
            catch (ImportException e)
            {
                problems[i] = e.Errors;
            }

            var finished = Interlocked.Increment(ref done);
            if (progress is not null && (finished % 64 == 0 || finished == count))
            {
                progress.Report(new ImportProgress(finished, count, name, ImportStage.Checking));
            }
        });

        errors = [.. problems.Where(p => p is not null).SelectMany(p => p!)];
        return heads;
    }

    /// <summary>
    /// Runs one stage of the pipeline; when it ends, completes <paramref name="output"/> (passing on its failure),
    /// and when it fails, stops the other stages.
    /// </summary>
    private static Task Stage<T>(CancellationTokenSource stop, ChannelWriter<T>? output, Func<CancellationToken, Task> body) =>
        Task.Run(async () =>
        {
            try
            {
                await body(stop.Token);
                output?.TryComplete();
            }
            catch (Exception e)
            {
                output?.TryComplete(e);
                await stop.CancelAsync();
                throw;
            }
        });

    /// <summary>Waits for every stage, then throws the failure that started it all rather than the cancellations it caused.</summary>
    private static async Task WhenAllOrFirstFailure(CancellationToken cancellationToken, params Task[] stages)
    {
        try
        {
            await Task.WhenAll(stages);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failures = stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            var cause = failures.FirstOrDefault(e => e is not OperationCanceledException and not ChannelClosedException) ?? failures.FirstOrDefault();
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    /// <summary>Reads a document's files again and merges them into what the store holds.</summary>
    private static Merged MergeOne(string slug, List<Head> heads, Document? before, Func<int, ImportFile> read, MergeContext context)
    {
        var options = context.Options;
        var now = context.Now;
        var errors = new List<ImportError>();
        var versions = new List<ParsedVersion>(heads.Count);
        foreach (var head in heads)
        {
            try
            {
                var file = read(head.File);
                var version = Parse(file, options);
                var same = file.Hint is { } hint ? KeyOf(version, hint) == head.Key : version.Slug == slug;
                if (!same || version.Language != head.Language)
                {
                    errors.Add(new ImportError(head.Source, null, "changed while it was being imported; import again"));
                    continue;
                }

                versions.Add(version with { Slug = slug });
            }
            catch (ImportException e)
            {
                // Changed (or gone) between the two passes.
                errors.AddRange(e.Errors);
            }
        }

        var originals = versions.Where(v => v.IsOriginal == true).ToList();
        if (originals.Count > 1)
        {
            errors.Add(new ImportError(originals[1].Source, null,
                $"says original: true, and so does {originals[0].Source}; a document (\"{slug}\") has one original"));
        }

        if (errors.Count > 0)
        {
            return new Merged(null, [], [], false, false, 0, 0, 0, errors);
        }

        var placement = ImportPlacement.Settle(slug, before, versions, context.Structure, errors);
        if (errors.Count > 0)
        {
            return new Merged(null, [], [], false, false, 0, 0, 0, errors);
        }

        var document = Merge(slug, before, versions, placement, context, errors, out var created, out var updated, out var filled);
        errors.AddRange(Translation.SegmentLimit.ImportErrors(document, versions, options.MaxSegmentsPerDocument));
        var changed = before is not null && (created + updated > 0 || filled || !before.Tags.SequenceEqual(document.Tags)
            || !before.ExpectedLanguages.SequenceEqual(document.ExpectedLanguages) || before.OriginalLanguage != document.OriginalLanguage
            || before.SectionId != document.SectionId || before.Kind != document.Kind || !SameFields(before.Fields, document.Fields));
        if (before?.SectionId != document.SectionId || before?.Kind != document.Kind || !SameFields(before?.Fields ?? Document.EmptyFields, document.Fields))
        {
            // As the admin's placement is audited: where the document went and what kind it is, and which file said so.
            var section = document.SectionId is { } id ? context.Structure.PathOf(id) ?? id.ToString(CultureInfo.InvariantCulture) : null;
            context.Audit.Add(new AuditEntry(0, now, User.System, "document.place", slug,
                $"{(section is null ? "no section" : $"section {section}")}, {(document.Kind is null ? "no kind" : $"kind {document.Kind}")} from {versions[0].Source}"));
        }

        var memory = errors.Count == 0 && (before is null || changed) ? SegmentPairs.MemoryUnits(document, now) : [];
        // Keys here, on every core, rather than on the one thread that writes.
        var keys = memory.Select(unit => MemoryKey.Of(unit.Source, unit.Target)).ToList();
        return new Merged(document, memory, keys, before is null, changed, created, updated, versions.Count - created - updated, errors)
        {
            Audit = context.Audit,
            WorkingCopies = context.WorkingCopies,
            Kept = context.Kept,
        };
    }

    private static ParsedVersion Parse(ImportFile file, ImportOptions options)
    {
        // A file the folder walk chose was told apart there already: looking at each file once keeps a large import's
        // first pass as fast as before (bench/import.sh measured 9 % more CPU with the second look).
        if (!file.IsKnownDocument && FileKinds.Of(file.Name, file.Content) is { Route: not FileRoute.Document } kind)
        {
            throw new ImportException(file.Name, null, kind.Refusal);
        }

        if (file.Hint is { } hint)
        {
            // The layout gives the language (FrontMatterReader checks the file agrees) and the path key; the slug is
            // settled for the whole group of translations once every file is read (SettleSlugs).
            return IsMarkdown(file)
                ? FrontMatterReader.Read(file, options, hint.LanguageIsDefault ? null : hint.Language)
                : ScrapedTextReader.Read(file, options, hint.Language);
        }

        var (bundleSlug, bundleLanguage) = BundleName(file.Name);
        var version = IsMarkdown(file)
            ? FrontMatterReader.Read(file, options, bundleLanguage)
            : ScrapedTextReader.Read(file, options, bundleLanguage);
        if (version.Slug is not null && bundleSlug is not null && version.Slug != bundleSlug)
        {
            throw new ImportException(file.Name, null, $"the front matter says slug \"{version.Slug}\" but the file name says \"{bundleSlug}\"");
        }

        var slug = version.Slug ?? bundleSlug ?? Slug.FromTitle(version.Title);
        if (slug.Length == 0)
        {
            throw new ImportException(file.Name, null,
                $"cannot make a URL slug from the title \"{version.Title}\"; give one with slug: in the front matter or name the file SLUG.{version.Language}{Path.GetExtension(file.Name)}");
        }

        if (Slug.IsReserved(slug))
        {
            throw new ImportException(file.Name, null,
                $"slug \"{slug}\" is the address of the site's {slug} page, so the document could never be read; give another with slug: in the front matter or name the file SLUG.{version.Language}{Path.GetExtension(file.Name)}");
        }

        return version with { Slug = slug };
    }

    /// <summary>Markdown (a front matter fence, or a Markdown name without the scraped text's switcher line), else scraped text.</summary>
    private static bool IsMarkdown(ImportFile file)
    {
        var head = file.Content.AsSpan(0, Math.Min(file.Content.Length, 8));
        var text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        return text.StartsWith("---"u8) || text.StartsWith("+++"u8)
            || (!text.StartsWith("•"u8) && Path.GetExtension(file.Name).ToUpperInvariant() is ".MD" or ".MARKDOWN");
    }

    /// <summary>What pairs a file of a recognised site with its translations: its <c>translationKey</c> (or <c>ref</c>, <c>permalink</c>), else its path.</summary>
    private static string KeyOf(ParsedVersion version, Sites.SiteHint hint) =>
        version.PairingKey is { } key ? "key:" + key : "path:" + hint.Key;

    /// <summary>
    /// Gives each group of a recognised site's files (translations of one another, by key) its slug, from one file: the
    /// one marked <c>original: true</c>, else the site's default language's, else the first in path order. Its front
    /// matter <c>slug</c>, else its path name (<c>about</c> of <c>about.ru.md</c>, the folder of a page bundle's
    /// <c>index.md</c>), made URL-safe; its title's when the name has no letters to keep. Other files' slugs are not used.
    /// </summary>
    private static void SettleSlugs(Head?[] heads, List<ImportError> errors)
    {
        var groups = heads.Where(h => h?.Key is not null).GroupBy(h => h!.Key!, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var files = group.Select(h => h!).ToList();
            // Hugo gives each translation a slug of its own; a Hexapla document has one, which one file names.
            var named = files.FirstOrDefault(h => h.IsOriginal) ?? files.FirstOrDefault(h => h.IsDefault) ?? files[0];
            var slug = named.OwnSlug ?? (Slug.IsValid(named.Name) ? named.Name! : Slug.FromTitle(named.Name ?? ""));
            if (slug.Length == 0)
            {
                slug = Slug.FromTitle(named.Title ?? "");
            }

            if (slug.Length == 0 || Slug.IsReserved(slug))
            {
                errors.Add(new ImportError(named.Source, null, slug.Length == 0
                    ? $"cannot make a URL slug from the file's name or its title \"{named.Title}\"; give one with slug: in the front matter"
                    : $"slug \"{slug}\" is the address of the site's {slug} page, so the document could never be read; give another with slug: in the front matter"));
                foreach (var head in files)
                {
                    heads[head.File] = null;
                }

                continue;
            }

            foreach (var head in files)
            {
                heads[head.File] = head with { Slug = slug };
            }
        }
    }

    /// <summary>Splits <c>SLUG.LANG.EXT</c>; both null when the name is not a bundle name.</summary>
    internal static (string? Slug, LanguageTag? Language) BundleName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return (null, null);
        }

        var slug = name[..dot];
        return Slug.IsValid(slug) && LanguageTag.TryParse(name[(dot + 1)..], out var language) ? (slug, language) : (null, null);
    }

    private static Dictionary<string, List<Head>> Group(Head?[] heads, List<ImportError> errors)
    {
        var groups = new Dictionary<string, List<Head>>(StringComparer.Ordinal);
        foreach (var version in heads)
        {
            if (version is null)
            {
                continue;
            }

            var group = groups.TryGetValue(version.Slug, out var g) ? g : groups[version.Slug] = [];
            if (group.FirstOrDefault(v => v.Language == version.Language) is { } twin)
            {
                errors.Add(new ImportError(version.Source, null,
                    $"is the {version.Language} version of \"{version.Slug}\", and so is {twin.Source}; import one of them"));
                continue;
            }

            group.Add(version);
        }

        return groups;
    }

    private static Document Merge(
        string slug, Document? before, List<ParsedVersion> incoming, ImportPlacement placement, MergeContext context,
        List<ImportError> errors, out int created, out int updated, out bool filled)
    {
        var options = context.Options;
        var now = context.Now;
        created = 0;
        updated = 0;
        filled = false;
        var versions = (before?.Versions ?? []).ToDictionary(v => v.Language);
        var languages = versions.Keys.Concat(incoming.Select(v => v.Language)).ToHashSet();

        var original = incoming.FirstOrDefault(v => v.IsOriginal == true)?.Language
            ?? (options.Original is { } o && languages.Contains(o) ? o : null)
            ?? before?.OriginalLanguage
            ?? incoming[0].Language;
        if (options.Original is { } wanted && !languages.Contains(wanted) && incoming.All(v => v.IsOriginal != true))
        {
            errors.Add(new ImportError(incoming[0].Source, null,
                $"--original {wanted} was given, but \"{slug}\" has no {wanted} version (it has {string.Join(", ", languages.Order())})"));
        }

        // The languages whose newest text this run writes.
        var written = new HashSet<LanguageTag>();

        // The original first, so translations record the revision of the original as this run leaves it.
        foreach (var version in incoming.OrderBy(v => v.Language == original ? 0 : 1))
        {
            var old = versions.GetValueOrDefault(version.Language);
            var sourceRevision = version.Language == original ? (int?)null : versions.GetValueOrDefault(original)?.Latest.Revision;
            var note = NotePrefix + version.Source;
            // The file's translatable values when it states them; else the text's own stay.
            var stated = placement.VersionFields.GetValueOrDefault(version.Language);
            if (old is null)
            {
                var state = version.IsDraft ? VersionState.Draft : VersionState.Published;
                created++;
                written.Add(version.Language);
                versions[version.Language] = new LanguageVersion
                {
                    Language = version.Language,
                    Title = version.Title,
                    Summary = version.Summary,
                    Body = version.Body,
                    State = state,
                    PublishedAt = state == VersionState.Published ? version.Date ?? now : null,
                    Revision = 1,
                    LastRevision = 1,
                    SourceRevision = sourceRevision,
                    UpdatedAt = now,
                    Author = User.System,
                    Note = note,
                    Fields = stated ?? Document.EmptyFields,
                };
                context.Audit.Add(Entry(slug, version, $"revision 1 ({state.Name()}) from {version.Source}"));
                continue;
            }

            var latest = old.Latest;
            var byImport = IsImport(latest.Author, latest.Note);
            var fields = stated ?? latest.Fields;
            if (SameText(latest.Title, latest.Summary, latest.Body, version) && SameFields(latest.Fields, fields))
            {
                // The newest text already is the file's. Only the import's own draft of a version never live is
                // published by a file that no longer says draft: anything else, review or withdrawal, belongs to Hexapla.
                if (old.State == VersionState.Draft && byImport && !version.IsDraft)
                {
                    updated++;
                    versions[version.Language] = old with { State = VersionState.Published, PublishedAt = version.Date ?? now, UpdatedAt = now };
                    context.Audit.Add(Entry(slug, version, string.Create(CultureInfo.InvariantCulture, $"revision {old.Revision} published from {version.Source}")));
                }

                continue;
            }

            if (context.Pending.TryGetValue(version.Language, out var release))
            {
                // Not even with --overwrite: the release would fail at its instant (a discard is refused the same way).
                errors.Add(new ImportError(version.Source, null, string.Create(CultureInfo.InvariantCulture,
                    $"version is in release {release.Id}, due {release.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, at revision {latest.Revision}; cancel the release in Hexapla first")));
                continue;
            }

            var over = "";
            if (byImport && old.Work is { State: VersionState.InReview or VersionState.Approved } reviewed)
            {
                // The import's own text, but submitted or approved in Hexapla since: a new text would undo that review.
                if (!options.Overwrite)
                {
                    errors.Add(new ImportError(version.Source, null, string.Create(CultureInfo.InvariantCulture,
                        $"version is {(reviewed.State == VersionState.Approved ? "approved" : "in review")} in Hexapla at revision {reviewed.Revision}; --overwrite to replace it with a working copy")));
                    continue;
                }

                over = string.Create(CultureInfo.InvariantCulture, $", over revision {reviewed.Revision} {reviewed.State.Name()} (--overwrite)");
            }

            if (!byImport)
            {
                var last = context.LastImports.GetValueOrDefault(version.Language);
                if (last is not null && SameText(last.Title, last.Summary, last.Body, version) && (stated is null || SameFields(last.Fields, stated)))
                {
                    // The file is what was imported last: nothing to bring in, and Hexapla's change stays.
                    context.Kept++;
                    continue;
                }

                if (!options.Overwrite)
                {
                    errors.Add(new ImportError(version.Source, null, last is null
                        ? "version was written in Hexapla, not imported; --overwrite to replace it with a working copy"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"version changed in Hexapla since it was imported at revision {last.Revision}; --overwrite to replace it with a working copy")));
                    continue;
                }

                over = string.Create(CultureInfo.InvariantCulture, $", over revision {latest.Revision} by {latest.Author} (--overwrite)");
            }

            updated++;
            written.Add(version.Language);
            var revision = Math.Max(old.LastRevision, latest.Revision) + 1;
            if (old.HasBeenLive)
            {
                // Live text never changes by an import once public: the file becomes a working copy, for review.
                context.WorkingCopies++;
                var work = new LanguageVersion
                {
                    Language = version.Language,
                    Title = version.Title,
                    Summary = version.Summary,
                    Body = version.Body,
                    State = VersionState.Draft,
                    Revision = revision,
                    LastRevision = revision,
                    SourceRevision = sourceRevision,
                    UpdatedAt = now,
                    Author = User.System,
                    Note = note,
                    Segments = latest.Segments,
                    Fields = fields,
                };
                versions[version.Language] = old with { Working = work, LastRevision = revision, ApprovedBy = null, Rejection = null };
                context.Audit.Add(Entry(slug, version, string.Create(CultureInfo.InvariantCulture, $"revision {revision} (working copy) from {version.Source}{over}")));
                continue;
            }

            // Never live: the version is its own working text. The import's own draft is published as a new file would
            // be; text under review or written in Hexapla stays a draft.
            var publish = !version.IsDraft && byImport && old.State == VersionState.Draft;
            versions[version.Language] = old with
            {
                Title = version.Title,
                Summary = version.Summary,
                Body = version.Body,
                State = publish ? VersionState.Published : VersionState.Draft,
                PublishedAt = publish ? version.Date ?? now : null,
                Revision = revision,
                LastRevision = revision,
                SourceRevision = sourceRevision,
                UpdatedAt = now,
                Author = User.System,
                Note = note,
                ApprovedBy = null,
                Rejection = null,
                Working = null,
                Fields = fields,
            };
            context.Audit.Add(Entry(slug, version, string.Create(CultureInfo.InvariantCulture,
                $"revision {revision} ({(publish ? "published" : "draft")}) from {version.Source}{over}")));
        }

        // Segment ids for every text this run wrote (and any stored before segments existed), then links: an imported
        // translation is taken to translate the original's newest text as this run leaves it.
        foreach (var language in versions.Keys.ToList())
        {
            var previous = before?.Version(language);
            if (written.Contains(language))
            {
                versions[language] = WithNewest(versions[language], text => Segmentation.WithSegments(text, previous?.Latest));
            }
            else if (versions[language].Segments.Count == 0)
            {
                filled = before is not null;
                versions[language] = Segmentation.WithSegments(versions[language], previous);
            }
        }

        if (versions.TryGetValue(original, out var originalVersion))
        {
            foreach (var language in versions.Keys.Where(l => l != original).ToList())
            {
                var translation = versions[language];
                if (written.Contains(language))
                {
                    versions[language] = WithNewest(translation, text => Segmentation.LinkByPosition(text, originalVersion.Latest));
                }
                else if (translation.Links.Count == 0)
                {
                    filled |= before is not null;
                    versions[language] = Segmentation.LinkByPosition(translation, originalVersion);
                }
            }
        }

        var tagLists = incoming.Where(v => v.Tags is not null).Select(v => v.Tags!).ToList();
        var tags = tagLists.Count == 0 ? before?.Tags ?? [] : tagLists.SelectMany(t => t).Distinct().ToList();
        var expected = (before?.ExpectedLanguages ?? []).Concat(incoming.SelectMany(v => v.OtherLanguages)).Distinct().Order().ToList();
        return new Document
        {
            Id = before?.Id ?? 0,
            Slug = slug,
            OriginalLanguage = original,
            Tags = tags,
            ExpectedLanguages = expected,
            SectionId = placement.SectionId,
            Kind = placement.Kind,
            Fields = placement.Fields,
            CreatedAt = before?.CreatedAt ?? now,
            UpdatedAt = created + updated > 0 ? now : before?.UpdatedAt ?? now,
            Versions = [.. versions.Values.OrderBy(v => v.Language)],
        };

        AuditEntry Entry(string target, ParsedVersion version, string detail) =>
            new(0, now, User.System, "version.import", $"{target}/{version.Language}", detail);
    }

    /// <summary>True when both hold the same values under the same keys.</summary>
    private static bool SameFields(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var value) && value == p.Value);

    /// <summary>True when the file's title, summary and body are the text given.</summary>
    private static bool SameText(string title, string? summary, string body, ParsedVersion file) =>
        title == file.Title && summary == file.Summary && body == file.Body;

    /// <summary><paramref name="version"/> with <paramref name="change"/> applied to its newest text (the working copy when there is one).</summary>
    private static LanguageVersion WithNewest(LanguageVersion version, Func<LanguageVersion, LanguageVersion> change) =>
        version.Working is { } work ? version with { Working = change(work) } : change(version);
}
