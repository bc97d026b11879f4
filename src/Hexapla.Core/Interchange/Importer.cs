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

/// <summary>How far an import run is: files read, of how many.</summary>
public readonly record struct ImportProgress(int Done, int Total, string Current);

/// <summary>
/// Imports files into the store in one transaction: every file is read and checked first, and the store is written
/// only when all of them are good, so a bad file leaves the store as it was. Importing the same files again updates
/// the documents they describe (matched by slug and language), never duplicates them.
/// </summary>
/// <remarks>
/// Formats are told apart by content, then extension: a <c>---</c> fence opens Markdown with front matter, a
/// <c>•</c> line opens scraped page text, <c>.md</c> is Markdown, anything else is scraped text. A bundle file name
/// <c>SLUG.LANG.EXT</c> gives the slug and the language; files that share a slug are versions of one document.
/// Without a slug, the title is transliterated into one. With an index, the index is updated before the run returns.
/// </remarks>
public sealed class Importer(IContentStore store, TimeProvider clock, ISearchIndex? index = null)
{
    /// <summary>The file extensions a folder walk picks up.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown" };

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

    /// <summary>Reads, checks and stores <paramref name="files"/> in one transaction.</summary>
    /// <exception cref="ImportException">Any file is bad; every problem found is listed and nothing is written.</exception>
    public async Task<ImportReport> ImportAsync(
        IReadOnlyList<ImportFile> files, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var parsed = new List<ParsedVersion>();
        var errors = new List<ImportError>();
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                parsed.Add(Parse(files[i], options));
            }
            catch (ImportException e)
            {
                errors.AddRange(e.Errors);
            }

            progress?.Report(new ImportProgress(i + 1, files.Count, files[i].Name));
        }

        var groups = Group(parsed, errors);
        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        var existing = await store.FindDocumentsAsync([.. groups.Keys], cancellationToken);
        var now = clock.GetUtcNow();
        var documents = new List<Document>();
        int documentsCreated = 0, documentsUpdated = 0, versionsCreated = 0, versionsUpdated = 0, versionsUnchanged = 0;
        foreach (var (slug, versions) in groups)
        {
            var before = existing.GetValueOrDefault(slug);
            var merged = Merge(slug, before, versions, options, now, errors, out var created, out var updated);
            errors.AddRange(Translation.SegmentLimit.ImportErrors(merged, versions, options.MaxSegmentsPerDocument));
            versionsCreated += created;
            versionsUpdated += updated;
            versionsUnchanged += versions.Count - created - updated;
            if (before is null)
            {
                documentsCreated++;
            }
            else if (created + updated > 0 || !before.Tags.SequenceEqual(merged.Tags) || !before.ExpectedLanguages.SequenceEqual(merged.ExpectedLanguages)
                || before.OriginalLanguage != merged.OriginalLanguage)
            {
                documentsUpdated++;
            }

            documents.Add(merged);
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        var saved = await store.SaveDocumentsAsync(documents, cancellationToken);
        await Editorial.Newsroom.FeedMemoryAsync(store as ITranslationMemory, saved, now, cancellationToken);
        if (index is not null)
        {
            // The index follows before the import is reported done; a crash in between is caught by the generation.
            await index.UpdateAsync(documents, now, await store.GetGenerationAsync(cancellationToken), cancellationToken);
        }

        return new ImportReport(documentsCreated, documentsUpdated, versionsCreated, versionsUpdated, versionsUnchanged, [.. groups.Keys]);
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

    private static Dictionary<string, List<ParsedVersion>> Group(List<ParsedVersion> parsed, List<ImportError> errors)
    {
        var groups = new Dictionary<string, List<ParsedVersion>>(StringComparer.Ordinal);
        foreach (var version in parsed)
        {
            var group = groups.TryGetValue(version.Slug!, out var g) ? g : groups[version.Slug!] = [];
            if (group.FirstOrDefault(v => v.Language == version.Language) is { } twin)
            {
                errors.Add(new ImportError(version.Source, null,
                    $"is the {version.Language} version of \"{version.Slug}\", and so is {twin.Source}; import one of them"));
                continue;
            }

            group.Add(version);
        }

        foreach (var (slug, group) in groups)
        {
            var originals = group.Where(v => v.IsOriginal == true).ToList();
            if (originals.Count > 1)
            {
                errors.Add(new ImportError(originals[1].Source, null,
                    $"says original: true, and so does {originals[0].Source}; a document (\"{slug}\") has one original"));
            }
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
