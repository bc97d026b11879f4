using System.Threading.Channels;
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
    IReadOnlyList<string> Slugs);

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
/// Formats are told apart by content, then extension: a <c>---</c> fence opens Markdown with front matter, a
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
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown" };

    /// <summary>Documents merged, written and indexed together; a few such batches are in flight at once.</summary>
    private const int BatchSize = 64;

    /// <summary>Batches waiting between two stages of the second pass.</summary>
    private const int BatchesInFlight = 2;

    /// <summary>
    /// The files to import from <paramref name="paths"/>: files as given, folders walked recursively for
    /// <see cref="Extensions"/>, skipping hidden files, <c>_</c>-prefixed files (Hugo section pages) and READMEs.
    /// </summary>
    /// <exception cref="ImportException">A path does not exist.</exception>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f)))
                    .Where(f => Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).All(part => !part.StartsWith('.')))
                    .Where(f => !Path.GetFileName(f).StartsWith('_') && !Path.GetFileName(f).StartsWith("README", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                throw new ImportException(path, null, "no such file or folder");
            }
        }

        return files;
    }

    /// <summary>Reads, checks and stores <paramref name="files"/> (already in memory) in one transaction.</summary>
    /// <exception cref="ImportException">Any file is bad; every problem found is listed and nothing is written.</exception>
    public Task<ImportReport> ImportAsync(
        IReadOnlyList<ImportFile> files, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return RunAsync(files.Count, i => files[i].Name, i => files[i], options, progress, cancellationToken);
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
        return RunAsync(paths.Count, i => paths[i], i => ImportFile.Read(paths[i], options.MaxFileBytes, options.MaxFileBytesSetting), options, progress, cancellationToken);
    }

    /// <summary>What the first pass keeps of a file.</summary>
    private sealed record Head(int File, string Slug, Languages.LanguageTag Language, string Source);

    /// <summary>A document of the second pass, merged and ready to write, or the problems that stop the run.</summary>
    private sealed record Merged(
        Document? Document, IReadOnlyList<MemoryUnit> Memory, IReadOnlyList<byte[]> MemoryKeys, bool Created, bool Updated, int VersionsCreated, int VersionsUpdated,
        int VersionsUnchanged, IReadOnlyList<ImportError> Errors);

    private async Task<ImportReport> RunAsync(
        int count, Func<int, string> name, Func<int, ImportFile> read, ImportOptions options, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Title is { } title && EnteringText.FindRefused(title, "--title") is { } fault)
        {
            throw new ImportException("--title", null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"character {fault.Offset + 1}: {fault.What}"));
        }

        // First pass: files grouped into documents (parsed, on every core, unless their names say how), nothing written.
        var heads = CheckAll(count, name, read, options, progress, cancellationToken, out var errors);
        var groups = Group(heads, errors);
        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        // Second pass: read again, merge, write and index as a pipeline; commit the store, then the index.
        var now = clock.GetUtcNow();
        var slugs = groups.Keys.ToList();
        await using var write = await store.BeginBulkWriteAsync(cancellationToken);
        using var indexing = index?.BeginBulkUpdate();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merged = Channel.CreateBounded<Merged[]>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var toIndex = Channel.CreateBounded<List<Document>>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });

        var merging = Stage(stop, merged.Writer, async token =>
        {
            for (var first = 0; first < slugs.Count; first += BatchSize)
            {
                var batch = slugs.GetRange(first, Math.Min(BatchSize, slugs.Count - first));
                // Into an empty store there is nothing to look up (and a direct write may hold the store's lock).
                var existing = write.StartedEmpty ? new Dictionary<string, Document>() : await store.FindDocumentsAsync(batch, token);
                var results = new Merged[batch.Count];
                Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = token, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                    results[i] = MergeOne(batch[i], groups[batch[i]], existing.GetValueOrDefault(batch[i]), read, options, now));
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

        int documentsCreated = 0, documentsUpdated = 0, versionsCreated = 0, versionsUpdated = 0, versionsUnchanged = 0, stored = 0;
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

                    await write.SaveAsync(result.Document!, token);
                    await write.AddMemoryAsync(result.Memory, result.MemoryKeys, token);
                    documents.Add(result.Document!);
                    documentsCreated += result.Created ? 1 : 0;
                    documentsUpdated += result.Updated ? 1 : 0;
                    versionsCreated += result.VersionsCreated;
                    versionsUpdated += result.VersionsUpdated;
                    versionsUnchanged += result.VersionsUnchanged;
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

        return new ImportReport(documentsCreated, documentsUpdated, versionsCreated, versionsUpdated, versionsUnchanged, slugs);
    }

    /// <summary>
    /// The slug and language of every file, or its problems, in file order: from the name of a bundle file
    /// (<c>SLUG.LANG.EXT</c>), which its content must agree with (the second pass checks), and from the content of
    /// any other file, which is parsed for them.
    /// </summary>
    private static Head?[] CheckAll(
        int count, Func<int, string> names, Func<int, ImportFile> read, ImportOptions options, IProgress<ImportProgress>? progress,
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
                if (BundleName(name) is ({ } slug, { } language))
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
    private static Merged MergeOne(string slug, List<Head> heads, Document? before, Func<int, ImportFile> read, ImportOptions options, DateTimeOffset now)
    {
        var errors = new List<ImportError>();
        var versions = new List<ParsedVersion>(heads.Count);
        foreach (var head in heads)
        {
            try
            {
                var version = Parse(read(head.File), options);
                if (version.Slug != slug || version.Language != head.Language)
                {
                    errors.Add(new ImportError(head.Source, null, "changed while it was being imported; import again"));
                    continue;
                }

                versions.Add(version);
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

        var document = Merge(slug, before, versions, options, now, errors, out var created, out var updated);
        errors.AddRange(Translation.SegmentLimit.ImportErrors(document, versions, options.MaxSegmentsPerDocument));
        var changed = before is not null && (created + updated > 0 || !before.Tags.SequenceEqual(document.Tags)
            || !before.ExpectedLanguages.SequenceEqual(document.ExpectedLanguages) || before.OriginalLanguage != document.OriginalLanguage);
        var memory = errors.Count == 0 ? SegmentPairs.MemoryUnits(document, now) : [];
        // Keys here, on every core, rather than on the one thread that writes.
        var keys = memory.Select(unit => MemoryKey.Of(unit.Source, unit.Target)).ToList();
        return new Merged(document, memory, keys, before is null, changed, created, updated, versions.Count - created - updated, errors);
    }

    private static ParsedVersion Parse(ImportFile file, ImportOptions options)
    {
        var (bundleSlug, bundleLanguage) = BundleName(file.Name);
        var head = file.Content.AsSpan(0, Math.Min(file.Content.Length, 8));
        var text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        var isMarkdown = text.StartsWith("---"u8)
            || (!text.StartsWith("•"u8) && Path.GetExtension(file.Name).ToUpperInvariant() is ".MD" or ".MARKDOWN");
        var version = isMarkdown
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
        string slug, Document? before, List<ParsedVersion> incoming, ImportOptions options, DateTimeOffset now,
        List<ImportError> errors, out int created, out int updated)
    {
        created = 0;
        updated = 0;
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

        // The original first, so translations record the revision of the original as this run leaves it.
        foreach (var version in incoming.OrderBy(v => v.Language == original ? 0 : 1))
        {
            var old = versions.GetValueOrDefault(version.Language);
            var sourceRevision = version.Language == original ? (int?)null : versions.GetValueOrDefault(original)?.Revision;
            var state = version.IsDraft ? VersionState.Draft : VersionState.Published;
            if (old is null)
            {
                created++;
                versions[version.Language] = new LanguageVersion
                {
                    Language = version.Language,
                    Title = version.Title,
                    Summary = version.Summary,
                    Body = version.Body,
                    State = state,
                    PublishedAt = state == VersionState.Published ? version.Date ?? now : null,
                    Revision = 1,
                    SourceRevision = sourceRevision,
                    UpdatedAt = now,
                };
                continue;
            }

            var textChanged = old.Title != version.Title || old.Summary != version.Summary || old.Body != version.Body;
            var publishedAt = state == VersionState.Published ? version.Date ?? old.PublishedAt ?? now : old.PublishedAt;
            if (!textChanged && old.State == state && old.PublishedAt == publishedAt)
            {
                continue;
            }

            updated++;
            versions[version.Language] = old with
            {
                Title = version.Title,
                Summary = version.Summary,
                Body = version.Body,
                State = state,
                PublishedAt = publishedAt,
                Revision = textChanged ? old.Revision + 1 : old.Revision,
                SourceRevision = textChanged ? sourceRevision : old.SourceRevision,
                UpdatedAt = now,
            };
        }

        // Segment ids for every version whose text changed (and any stored before segments existed), then links:
        // an imported translation is taken to translate the original as it stands after this run.
        var changed = incoming.Select(v => v.Language).ToHashSet();
        foreach (var language in versions.Keys.ToList())
        {
            var previous = before?.Version(language);
            if (changed.Contains(language) || versions[language].Segments.Count == 0)
            {
                versions[language] = Segmentation.WithSegments(versions[language], previous);
            }
        }

        if (versions.TryGetValue(original, out var originalVersion))
        {
            foreach (var language in versions.Keys.Where(l => l != original).ToList())
            {
                var translation = versions[language];
                if ((changed.Contains(language) && translation.Body != before?.Version(language)?.Body) || translation.Links.Count == 0)
                {
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
            CreatedAt = before?.CreatedAt ?? now,
            UpdatedAt = created + updated > 0 ? now : before?.UpdatedAt ?? now,
            Versions = [.. versions.Values.OrderBy(v => v.Language)],
        };
    }
}
