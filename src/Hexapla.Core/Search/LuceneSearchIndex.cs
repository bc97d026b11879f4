using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Markdig;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Hexapla.Search;

/// <summary>
/// The search index, a Lucene.Net index in a folder (usually <c>DATA/index</c>). Each public version is one
/// Lucene document, analysed with its language's analyzer (see <c>LanguageAnalyzers</c>); scoring is BM25 with a
/// title match worth three body matches, and a body match worth two in a file the version links.
/// </summary>
/// <remarks>
/// The index writer is opened for each update and closed after its commit, so another process (<c>hexapla
/// import</c> while <c>serve</c> runs) can update the same index; readers pick up another process's commits within
/// a quarter of a second and their own at once. Every commit records the store generation it reflects, which
/// tells <see cref="IsInStepWith"/> whether a crash left the index behind the store.
/// Thread-safe.
/// </remarks>
public sealed class LuceneSearchIndex : ISearchIndex
{
    private const string SlugField = "slug";
    private const string LanguageField = "lang";
    private const string TagField = "tag";
    private const string KindField = "kind";
    private const string SectionField = "section";
    private const string PublishedField = "published";
    private const string LanguagesField = "languages";
    private const string FileNameField = "filename";
    private const string FileLanguageField = "filelang";
    private const string FileTextField = "filetext";
    private const string GenerationKey = "hexapla.generation";
    private const string AnalysisKey = "hexapla.analysis";
    private const string AsOfKey = "hexapla.as-of";

    /// <summary>
    /// What an entry holds beyond its text, recorded with every commit: an index whose entries lack what this version
    /// files them under (one built before kinds and sections, which recorded nothing) is not compatible, and is rebuilt
    /// from the store when opened in step (see <see cref="IsCompatible"/>).
    /// </summary>
    private const string EntriesKey = "hexapla.entries";
    private const string EntriesSignature = "kind+sections+tags/1";
    private const float TitleBoost = 3f;
    private const float FileBoost = 0.5f;
    private const int SnippetFragmentChars = 160;
    private const long RefreshIntervalMs = 250;

    // Raw HTML in a body is text to readers (see MarkdownRenderer), so it is indexed and shown in snippets as text.
    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().DisableHtml().Build();

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly Analyzer _analyzer = LanguageAnalyzers.Create();

    // Documents are added with their text already normalized (LanguageAnalyzers.Normalize), so the writer's analysis
    // skips the character filter that queries and snippets go through.
    private readonly Analyzer _indexAnalyzer = LanguageAnalyzers.CreateForNormalizedText();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly BM25Similarity _similarity = new();
    private const long BulkCommitIntervalMs = 10_000;
    private const double BulkRamBufferMB = 128;
    private readonly bool _holdWriter;
    private readonly IMediaStore? _media;
    private readonly IStructureStore? _structure;
    private (long? Generation, DateTimeOffset AsOf)? _pending;
    private long _lastCommitTicks;
    private IndexWriter? _heldWriter;
    private SearcherManager? _searchers;
    private long _lastRefresh;

    private LuceneSearchIndex(string folder, bool holdWriter, IMediaStore? media, IStructureStore? structure)
    {
        Folder = folder;
        _holdWriter = holdWriter;
        _media = media;
        _structure = structure;
        System.IO.Directory.CreateDirectory(folder);
        _directory = FSDirectory.Open(new DirectoryInfo(folder), new FlockLockFactory(folder));
        (Generation, AsOf, IsCompatible) = ReadCommitData();
    }

    /// <summary>The index folder.</summary>
    public string Folder { get; }

    /// <summary>The store generation the last commit reflects; null for a new, unreadable or foreign index.</summary>
    public long? Generation { get; private set; }

    /// <summary>
    /// The time of the last commit's view of what was public: versions whose embargo lifted after it are not in the
    /// index yet. Null for a new index.
    /// </summary>
    public DateTimeOffset? AsOf { get; private set; }

    /// <summary>
    /// False when the index was built with other analysis or with entries of another shape (before documents had kinds
    /// and sections), or cannot be read: it must be rebuilt.
    /// </summary>
    public bool IsCompatible { get; private set; }

    /// <summary>Opens (creating when missing) the index in <paramref name="folder"/>.</summary>
    /// <param name="folder">The index folder.</param>
    /// <param name="holdWriter">
    /// Keep one index writer open from the first update until <see cref="Dispose"/>, so a run of many updates (a
    /// bulk import) does not wait for merges at each one. No other process can update the index meanwhile, so a
    /// server leaves this off.
    /// </param>
    /// <param name="media">
    /// Where the text of the files versions link is read (see <see cref="MediaAttachments"/>); null indexes versions
    /// without their files' text.
    /// </param>
    /// <param name="structure">
    /// Where the section tree is read, so each version is filed under its document's section and every section above
    /// it (read once per update); null files it under its document's section only.
    /// </param>
    public static LuceneSearchIndex Open(string folder, bool holdWriter = false, IMediaStore? media = null, IStructureStore? structure = null) =>
        new(folder, holdWriter, media, structure);

    /// <summary>True when the index can be used as it is for a store at <paramref name="storeGeneration"/>.</summary>
    public bool IsInStepWith(long storeGeneration) => IsCompatible && Generation == storeGeneration;

    /// <inheritdoc />
    public async Task UpdateAsync(IReadOnlyList<Content.Document> documents, DateTimeOffset now, long? storeGeneration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Read before the writer is taken: under the write lock, in order with other updates, so a file's text is
            // never older than the document's.
            var media = await MediaAttachments.ReadAsync(_media, documents, now, cancellationToken);
            var sections = await SectionsAsync(documents, cancellationToken);
            var writer = AcquireWriter(create: !IsCompatible);
            try
            {
                // IndexWriter takes documents from several threads at once; analysis is most of the cost, so use every
                // core. Each document's delete and adds stay on one thread, in order.
                Parallel.ForEach(documents, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, document =>
                {
                    writer.DeleteDocuments(new Term(SlugField, document.Slug));
                    AddPublicVersions(writer, document, now, media, sections);
                });

                // A held writer (a bulk run) commits at most every few seconds and before any search or the end:
                // the index can be rebuilt from the store, and the generation tells whether it must be.
                if (_heldWriter is null || Environment.TickCount64 - _lastCommitTicks > BulkCommitIntervalMs)
                {
                    Commit(writer, storeGeneration ?? Generation, now);
                }
                else
                {
                    _pending = (storeGeneration ?? _pending?.Generation ?? Generation, now);
                }
            }
            finally
            {
                ReleaseWriter(writer);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>How long taking the index writer waits for another process (or index) that holds it: 30 s unless set.</summary>
    internal TimeSpan WriteLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    /// <remarks>
    /// Holds the index writer (and so the index's write lock, for other processes too) until disposed. Documents are
    /// analysed on every core as they come; segments that Lucene flushes meanwhile belong to no commit until
    /// <see cref="IBulkIndexUpdate.CommitAsync"/>, so after a kill the index opens at its previous commit.
    /// </remarks>
    public IBulkIndexUpdate BeginBulkUpdate()
    {
        _writeLock.Wait();
        try
        {
            var writer = AcquireWriter(create: !IsCompatible, BulkRamBufferMB);
            if (writer != _heldWriter)
            {
                // A writer of this run only: segments it flushes are written once, as separate files, rather than
                // written and then copied into a compound file (at 100,000 documents, 2 GB more to write and read
                // back). Merges still decide for theirs.
                writer.Config.UseCompoundFile = false;
            }

            return new BulkUpdate(this, writer);
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    private sealed class BulkUpdate(LuceneSearchIndex index, IndexWriter writer) : IBulkIndexUpdate
    {
        // Into an empty index there is nothing to replace, and slugs are unique within a run: no deletes to apply.
        private readonly bool _replace = writer.MaxDoc > 0;
        private bool _done;

        public async Task AddAsync(IReadOnlyList<Content.Document> documents, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            var media = await MediaAttachments.ReadAsync(index._media, documents, now, cancellationToken);
            var sections = await index.SectionsAsync(documents, cancellationToken);
            Parallel.ForEach(documents, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, document =>
            {
                if (_replace)
                {
                    writer.DeleteDocuments(new Term(SlugField, document.Slug));
                }

                AddPublicVersions(writer, document, now, media, sections);
            });
        }

        public Task FlushAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            // New segments, in no commit yet: a kill now leaves the index at its previous commit, as before.
            writer.Flush(triggerMerge: false, applyAllDeletes: true);
            return Task.CompletedTask;
        }

        public Task CommitAsync(long storeGeneration, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            index.Commit(writer, storeGeneration, now);
            _done = true;
            index.ReleaseWriter(writer);
            index._writeLock.Release();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            try
            {
                // Rollback drops everything since the last commit and closes the writer.
                writer.Rollback();
                if (writer == index._heldWriter)
                {
                    index._heldWriter = null;
                }
            }
            finally
            {
                index._writeLock.Release();
            }
        }
    }

    /// <summary>
    /// Replaces the whole index with the public versions of <paramref name="documents"/> (the store's, streamed),
    /// then records <paramref name="storeGeneration"/>. Until it commits, searches see the old index.
    /// </summary>
    public async Task RebuildAsync(
        IAsyncEnumerable<Content.Document> documents, DateTimeOffset now, long storeGeneration,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // The tree as it is when the rebuild starts: a section moved meanwhile logs its documents, which the next
            // catch-up files again.
            var sections = _structure is null ? null : await _structure.LoadStructureAsync(cancellationToken);
            var writer = AcquireWriter(create: true);
            try
            {
                var count = 0;
                await foreach (var document in documents.WithCancellation(cancellationToken))
                {
                    // A store query only for a document whose public text links media.
                    var media = await MediaAttachments.ReadAsync(_media, [document], now, cancellationToken);
                    AddPublicVersions(writer, document, now, media, sections);
                    if (++count % 100 == 0)
                    {
                        progress?.Report(count);
                    }
                }

                progress?.Report(count);
                Commit(writer, storeGeneration, now);
            }
            catch
            {
                // Nothing of a failed rebuild is committed; searches keep the last committed index.
                writer.Rollback();
                if (writer == _heldWriter)
                {
                    _heldWriter = null;
                }

                throw;
            }
            finally
            {
                ReleaseWriter(writer);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public SearchResults Search(SearchQuery query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = QueryText.Parse(query.Text);
        // No words at all, only filters: everything the filters let through, newest first.
        var browse = text.Parts.Count == 0 && query.HasFilter;
        if ((!text.HasRequired && !browse) || query.Page < 1 || query.PageSize is < 1 or > 100 || query.Page > 1000)
        {
            return SearchResults.None;
        }

        // Days are the site's days, as its pages show them: from the start of From to just before the start of the day after To.
        var zone = query.TimeZone ?? TimeZoneInfo.Utc;
        var from = query.From is { } f ? Instants.StartOfDay(f, zone).ToUnixTimeMilliseconds() : (long?)null;
        var to = now.ToUnixTimeMilliseconds();
        if (query.To is { } t && t < DateOnly.MaxValue)
        {
            to = Math.Min(to, Instants.StartOfDay(t.AddDays(1), zone).ToUnixTimeMilliseconds() - 1);
        }

        return Read(SearchResults.None, searcher =>
        {
            Query match;
            Query? marked = null;
            if (browse)
            {
                match = new MatchAllDocsQuery();
            }
            else
            {
                // A search in every language looks in the families the index has text in: a few, of some thirty. Files'
                // text is looked for in every family files have (a page may link a file in another language), and only
                // where the index has any.
                var (bodies, files) = FamiliesIn(searcher.IndexReader);
                var families = query.Language is { } language ? [LanguageAnalyzers.Family(language)] : bodies;
                if (BuildMatch(text, families, files) is not { } built)
                {
                    return SearchResults.None;
                }

                match = built.Match;
                marked = built.Marked;
            }

            var filters = new BooleanQuery { { match, Occur.MUST } };
            if (!string.IsNullOrWhiteSpace(query.Tag))
            {
                filters.Add(Filter(new TermQuery(new Term(TagField, query.Tag.Trim().ToLowerInvariant()))), Occur.MUST);
            }

            if (!string.IsNullOrWhiteSpace(query.Kind))
            {
                filters.Add(Filter(new TermQuery(new Term(KindField, query.Kind.Trim()))), Occur.MUST);
            }

            if (query.SectionId is { } section)
            {
                filters.Add(Filter(new TermQuery(new Term(SectionField, section.ToString(CultureInfo.InvariantCulture)))), Occur.MUST);
            }

            // The filter is checked for each document the words match, and scores nothing: the scores are the match's.
            var filtered = new FilteredQuery(filters.Clauses.Count == 1 ? match : filters, new VisibleVersionsFilter(PublishedField, from, to, LanguageField, query.Language?.Value));
            var wanted = query.Page * query.PageSize;
            ITopDocsCollector top = browse
                ? TopFieldCollector.Create(NewestFirst, wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false)
                : TopScoreDocCollector.Create(wanted, docsScoredInOrder: false);
            var facets = query.Facets ? new FacetCollector(KindField, SectionField, TagField, PublishedField, zone) : null;
            searcher.Search(filtered, facets is null ? top : MultiCollector.Wrap(top, facets));
            var found = top.GetTopDocs();
            // Nothing to mark when only filters were given: each hit shows the opening of its body.
            var terms = marked is null ? [] : TermsOf(marked);
            var hits = new List<SearchHit>();
            for (var i = (query.Page - 1) * query.PageSize; i < found.ScoreDocs.Length; i++)
            {
                hits.Add(ToHit(searcher, found.ScoreDocs[i].Doc, marked ?? match, terms));
            }

            return new SearchResults(found.TotalHits, hits, facets?.Result());
        });
    }

    /// <summary>Newest publication first, for searches by filters alone.</summary>
    private static readonly Sort NewestFirst = new(new SortField(PublishedField, FieldCache.NUMERIC_UTILS_INT64_PARSER, reverse: true));

    /// <summary>
    /// The analysis families that have a body field in the index, and those that have a file field, each in
    /// <see cref="LanguageAnalyzers.Families"/>' order.
    /// </summary>
    private static (List<string> Bodies, List<string> Files) FamiliesIn(IndexReader reader)
    {
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? files = null;
        foreach (var leaf in reader.Leaves)
        {
            foreach (var field in leaf.AtomicReader.FieldInfos)
            {
                if (!field.IsIndexed || LanguageAnalyzers.FamilyOfField(field.Name) is not { } family)
                {
                    continue;
                }

                if (field.Name.StartsWith("body_", StringComparison.Ordinal))
                {
                    bodies.Add(family);
                }
                else if (field.Name.StartsWith("file_", StringComparison.Ordinal))
                {
                    (files ??= new HashSet<string>(StringComparer.Ordinal)).Add(family);
                }
            }
        }

        return ([.. LanguageAnalyzers.Families.Where(bodies.Contains)], files is null ? [] : [.. LanguageAnalyzers.Families.Where(files.Contains)]);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> SimilarDocuments(string text, LanguageTag language, int max, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        if (max <= 0)
        {
            return [];
        }

        var family = LanguageAnalyzers.Family(language);
        var field = LanguageAnalyzers.BodyField(family);
        // Any of the text's words, the rarer ones counting for more (BM25); the first few dozen are plenty for a segment.
        var words = new BooleanQuery();
        foreach (var term in Analyze(field, text).Select(t => t.Term).Distinct(StringComparer.Ordinal).Take(MaxSimilarTerms))
        {
            words.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }

        if (words.Clauses.Count == 0)
        {
            return [];
        }

        var visible = new FilteredQuery(words, new VisibleVersionsFilter(PublishedField, null, now.ToUnixTimeMilliseconds(), LanguageField, language.Value));
        return Read<IReadOnlyList<string>>([], searcher => [.. searcher.Search(visible, max).ScoreDocs
            .Select(hit => searcher.Doc(hit.Doc, SlugFieldOnly).Get(SlugField, CultureInfo.InvariantCulture))
            .Where(slug => slug is not null)
            .Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>At most this many distinct words of a text make up a <see cref="SimilarDocuments"/> query.</summary>
    private const int MaxSimilarTerms = 64;

    private static readonly HashSet<string> SlugFieldOnly = [SlugField];

    /// <summary>How many versions the index holds.</summary>
    public int Count()
    {
        return Read(0, searcher => searcher.IndexReader.NumDocs, commitPending: false);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a searcher of the index's latest commit (committing pending updates first, unless
    /// told not to), and releases it; <paramref name="empty"/> when the index has no commit to search yet.
    /// </summary>
    private T Read<T>(T empty, Func<IndexSearcher, T> read, bool commitPending = true)
    {
        if (commitPending)
        {
            CommitPending();
        }

        var searchers = Searchers();
        if (searchers is null)
        {
            return empty;
        }

        var searcher = searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Every entry the index holds, as stored (for <c>hexapla check</c>, which compares them with the store). Read
    /// only; empty for a new, unreadable or incompatible index. An entry written by something other than Hexapla may
    /// lack fields: they come back empty.
    /// </summary>
    public IReadOnlyList<IndexedVersion> Entries() => Read<IReadOnlyList<IndexedVersion>>([], searcher =>
    {
        var reader = searcher.IndexReader;
        var live = MultiFields.GetLiveDocs(reader);
        var entries = new List<IndexedVersion>(reader.NumDocs);
        for (var i = 0; i < reader.MaxDoc; i++)
        {
            if (live is not null && !live.Get(i))
            {
                continue;
            }

            var stored = reader.Document(i);
            var language = stored.Get(LanguageField, CultureInfo.InvariantCulture) ?? string.Empty;
            var family = LanguageTag.TryParse(language, out var tag) ? LanguageAnalyzers.Family(tag) : null;
            entries.Add(new IndexedVersion(
                stored.Get(SlugField, CultureInfo.InvariantCulture) ?? string.Empty,
                language,
                family is null ? string.Empty : stored.Get(LanguageAnalyzers.TitleField(family), CultureInfo.InvariantCulture) ?? string.Empty,
                family is null ? string.Empty : stored.Get(LanguageAnalyzers.BodyField(family), CultureInfo.InvariantCulture) ?? string.Empty,
                stored.GetField(PublishedField)?.GetInt64Value() is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null));
        }

        return entries;
    });

    /// <inheritdoc />
    public void Dispose()
    {
        CommitPending();
        _heldWriter?.Dispose();
        _searchers?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        _indexAnalyzer.Dispose();
        _writeLock.Dispose();
    }

    private static ConstantScoreQuery Filter(Query query) => new(query) { Boost = 0f };

    /// <summary>Makes every update durable and visible now (a held writer otherwise commits every few seconds).</summary>
    public void Commit() => CommitPending();

    /// <summary>Commits what a held writer has not committed yet.</summary>
    private void CommitPending()
    {
        if (_pending is null || _heldWriter is null)
        {
            return;
        }

        _writeLock.Wait();
        try
        {
            if (_pending is { } pending && _heldWriter is { } writer)
            {
                Commit(writer, pending.Generation, pending.AsOf);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private IndexWriter AcquireWriter(bool create, double? ramBufferMB = null)
    {
        if (_heldWriter is not null)
        {
            if (create)
            {
                _heldWriter.DeleteAll();
            }

            return _heldWriter;
        }

        var writer = OpenWriter(create, ramBufferMB);
        if (_holdWriter)
        {
            _heldWriter = writer;
        }

        return writer;
    }

    private void ReleaseWriter(IndexWriter writer)
    {
        if (writer != _heldWriter)
        {
            writer.Dispose();
        }
    }

    private IndexWriter OpenWriter(bool create, double? ramBufferMB)
    {
        var config = new IndexWriterConfig(LanguageAnalyzers.Version, _indexAnalyzer)
        {
            OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
            RAMBufferSizeMB = ramBufferMB ?? (_holdWriter ? BulkRamBufferMB : 64),
            WriteLockTimeout = (long)WriteLockTimeout.TotalMilliseconds,
        };
        return new IndexWriter(_directory, config);
    }

    private void Commit(IndexWriter writer, long? generation, DateTimeOffset asOf)
    {
        var data = new Dictionary<string, string>
        {
            [AnalysisKey] = LanguageAnalyzers.Signature,
            [EntriesKey] = EntriesSignature,
            [AsOfKey] = asOf.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        if (generation is { } g)
        {
            data[GenerationKey] = g.ToString(CultureInfo.InvariantCulture);
        }

        writer.SetCommitData(data);
        writer.Commit();
        _pending = null;
        _lastCommitTicks = Environment.TickCount64;
        Generation = generation;
        AsOf = asOf;
        IsCompatible = true;
        if (_searchers is null)
        {
            _searchers = new SearcherManager(_directory, new BM25SearcherFactory(_similarity));
        }
        else
        {
            _searchers.MaybeRefreshBlocking();
        }

        Interlocked.Exchange(ref _lastRefresh, Environment.TickCount64);
    }

    private SearcherManager? Searchers()
    {
        if (_searchers is null)
        {
            if (!IsCompatible || !DirectoryReader.IndexExists(_directory))
            {
                return null;
            }

            _searchers = new SearcherManager(_directory, new BM25SearcherFactory(_similarity));
        }

        // Another process may have committed; look for it at most four times a second.
        var last = Interlocked.Read(ref _lastRefresh);
        if (Environment.TickCount64 - last > RefreshIntervalMs && Interlocked.CompareExchange(ref _lastRefresh, Environment.TickCount64, last) == last)
        {
            _searchers.MaybeRefresh();
        }

        return _searchers;
    }

    private (long? Generation, DateTimeOffset? AsOf, bool Compatible) ReadCommitData()
    {
        try
        {
            if (!DirectoryReader.IndexExists(_directory))
            {
                return (null, null, false);
            }

            var commit = DirectoryReader.ListCommits(_directory)[^1];
            var data = commit.UserData;
            var compatible = data.TryGetValue(AnalysisKey, out var analysis) && analysis == LanguageAnalyzers.Signature
                && data.TryGetValue(EntriesKey, out var entries) && entries == EntriesSignature;
            var generation = data.TryGetValue(GenerationKey, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var g) ? g : (long?)null;
            var asOf = data.TryGetValue(AsOfKey, out var at) && long.TryParse(at, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
            return (generation, asOf, compatible);
        }
        catch (IOException)
        {
            // A damaged index is rebuilt from the store.
            return (null, null, false);
        }
    }

    /// <summary>
    /// The section tree to file <paramref name="documents"/> under: read from the store when one of them is in a
    /// section (most updates are one document; the tree is a few hundred rows), else null.
    /// </summary>
    private async Task<Sections.SiteStructure?> SectionsAsync(IReadOnlyList<Content.Document> documents, CancellationToken cancellationToken) =>
        _structure is not null && documents.Any(d => d.SectionId is not null) ? await _structure.LoadStructureAsync(cancellationToken) : null;

    /// <summary>
    /// The ids a document's versions are filed under: its section's and every ancestor's, so a filter by a section finds
    /// what is below it. Without the tree (or for a section the tree does not reach), the section's own id.
    /// </summary>
    private static string[] SectionIdsOf(Content.Document document, Sections.SiteStructure? structure)
    {
        if (document.SectionId is not { } id)
        {
            return [];
        }

        var trail = structure?.Section(id) is null ? [] : structure.Trail(id);
        return trail.Count == 0
            ? [id.ToString(CultureInfo.InvariantCulture)]
            : [.. trail.Select(s => s.Id.ToString(CultureInfo.InvariantCulture))];
    }

    private static void AddPublicVersions(
        IndexWriter writer, Content.Document document, DateTimeOffset now, IReadOnlyDictionary<long, MediaItem> media, Sections.SiteStructure? structure)
    {
        var versions = document.PublishedVersions(now);
        if (versions.Count == 0)
        {
            return;
        }

        var languages = string.Join(' ', versions.Select(v => v.Language.Value));
        var sections = SectionIdsOf(document, structure);
        foreach (var version in versions)
        {
            var family = LanguageAnalyzers.Family(version.Language);
            var body = PlainTextOf(version.Body);
            var entry = EntryFields.For(family).Fill(document, version, body, languages, sections);
            if (media.Count > 0)
            {
                AddFiles(entry, MediaAttachments.Of(version, versions, media));
            }

            writer.AddDocument(entry);
        }
    }

    /// <summary>
    /// Adds the text of <paramref name="files"/> to an entry: indexed in the file field of each file's language family
    /// (analysed as that language), and stored with the file's name and language for snippets.
    /// </summary>
    private static void AddFiles(LuceneDocument entry, IReadOnlyList<MediaFile> files)
    {
        foreach (var file in files)
        {
            var family = LanguageAnalyzers.Family(file.Language);
            // Fields made afresh: few versions link files, and an entry's fields are refilled per thread (EntryFields).
            entry.Add(new TextField(LanguageAnalyzers.FileField(family), LanguageAnalyzers.Normalize(file.Text!, family), Field.Store.NO));
            entry.Add(new StoredField(FileNameField, file.FileName));
            entry.Add(new StoredField(FileLanguageField, file.Language.Value));
            entry.Add(new StoredField(FileTextField, file.Text!));
        }
    }

    /// <summary>
    /// The fields of one index entry, kept per thread and family and refilled for each version: Lucene.Net takes a
    /// global lock whenever a new field makes its token stream, which held up every indexing thread but one.
    /// </summary>
    private sealed class EntryFields
    {
        [ThreadStatic]
        private static Dictionary<string, EntryFields>? _byFamily;

        private readonly StringField _slug = new(SlugField, string.Empty, Field.Store.YES);
        private readonly StringField _language = new(LanguageField, string.Empty, Field.Store.YES);
        private readonly TextField _title;
        private readonly StoredField _storedTitle;
        private readonly TextField _body;
        private readonly StoredField _storedBody;
        private readonly Int64Field _published = new(PublishedField, 0, Field.Store.YES);
        private readonly StoredField _languages = new(LanguagesField, string.Empty);
        private readonly List<StringField> _tags = [];
        private readonly List<StringField> _sections = [];
        private readonly StringField _kind = new(KindField, string.Empty, Field.Store.NO);
        private readonly string _family;

        private EntryFields(string family)
        {
            _family = family;
            // Indexed as normalized, stored as written (for titles and snippets).
            _title = new TextField(LanguageAnalyzers.TitleField(family), string.Empty, Field.Store.NO);
            _storedTitle = new StoredField(LanguageAnalyzers.TitleField(family), string.Empty);
            _body = new TextField(LanguageAnalyzers.BodyField(family), string.Empty, Field.Store.NO);
            _storedBody = new StoredField(LanguageAnalyzers.BodyField(family), string.Empty);
        }

        public static EntryFields For(string family)
        {
            var byFamily = _byFamily ??= new Dictionary<string, EntryFields>(StringComparer.Ordinal);
            return byFamily.TryGetValue(family, out var fields) ? fields : byFamily[family] = new EntryFields(family);
        }

        public LuceneDocument Fill(Content.Document document, Content.LanguageVersion version, string body, string languages, string[] sections)
        {
            _slug.SetStringValue(document.Slug);
            _language.SetStringValue(version.Language.Value);
            _title.SetStringValue(LanguageAnalyzers.Normalize(version.Title, _family));
            _storedTitle.SetStringValue(version.Title);
            _body.SetStringValue(LanguageAnalyzers.Normalize(body, _family));
            _storedBody.SetStringValue(body);
            _published.SetInt64Value(version.PublishedAt!.Value.ToUnixTimeMilliseconds());
            _languages.SetStringValue(languages);
            var entry = new LuceneDocument { _slug, _language, _title, _storedTitle, _body, _storedBody, _published, _languages };
            for (var i = 0; i < document.Tags.Count; i++)
            {
                if (i == _tags.Count)
                {
                    _tags.Add(new StringField(TagField, string.Empty, Field.Store.NO));
                }

                _tags[i].SetStringValue(document.Tags[i]);
                entry.Add(_tags[i]);
            }

            if (document.Kind is { Length: > 0 } kind)
            {
                _kind.SetStringValue(kind);
                entry.Add(_kind);
            }

            for (var i = 0; i < sections.Length; i++)
            {
                if (i == _sections.Count)
                {
                    _sections.Add(new StringField(SectionField, string.Empty, Field.Store.NO));
                }

                _sections[i].SetStringValue(sections[i]);
                entry.Add(_sections[i]);
            }

            return entry;
        }
    }

    /// <summary>
    /// The text a reader sees of a Markdown body. Most statements are plain paragraphs, which are their own plain
    /// text; only a body that <see cref="Content.PlainProse"/> (the segmenter's test too) does not accept pays for a parse.
    /// </summary>
    internal static string PlainTextOf(string markdown)
    {
        if (Content.PlainProse.Is(markdown))
        {
            // What Markdig would give: one line per line of text, paragraphs not separated by blank lines.
            return string.Join('\n', markdown.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        }

        return Markdown.ToPlainText(markdown, PlainText).Trim();
    }

    /// <summary>
    /// Each part must match (or must not, when excluded) in the title or the body, in any of <paramref name="families"/>,
    /// or in the text of a linked file, in any of <paramref name="fileFamilies"/>: the match; and the query whose words
    /// snippets mark, which leaves out the parts made only of stop words when other parts are not (so "the" is not
    /// marked all over a snippet for "the war", yet "to be or not to be" is). Null when no part can match anything.
    /// </summary>
    private (BooleanQuery Match, Query Marked)? BuildMatch(QueryText text, IReadOnlyList<string> families, IReadOnlyList<string> fileFamilies)
    {
        var match = new BooleanQuery();
        var marked = new BooleanQuery();
        var required = 0;
        foreach (var part in text.Parts)
        {
            var alternatives = new BooleanQuery();
            var meaningful = new BooleanQuery();
            foreach (var family in families)
            {
                var terms = Analyze(LanguageAnalyzers.BodyField(family), part.Text);
                if (terms.Count == 0)
                {
                    continue;
                }

                var title = FieldQuery(LanguageAnalyzers.TitleField(family), terms, TitleBoost);
                var body = FieldQuery(LanguageAnalyzers.BodyField(family), terms, 1f);
                alternatives.Add(title, Occur.SHOULD);
                alternatives.Add(body, Occur.SHOULD);
                if (!part.Excluded && !OnlyStopWords(family, part.Text))
                {
                    meaningful.Add(title, Occur.SHOULD);
                    meaningful.Add(body, Occur.SHOULD);
                }
            }

            // An index without files' text (most) pays nothing here.
            foreach (var family in fileFamilies)
            {
                var terms = Analyze(LanguageAnalyzers.FileField(family), part.Text);
                if (terms.Count == 0)
                {
                    continue;
                }

                var file = FieldQuery(LanguageAnalyzers.FileField(family), terms, FileBoost);
                alternatives.Add(file, Occur.SHOULD);
                if (!part.Excluded && !OnlyStopWords(family, part.Text))
                {
                    meaningful.Add(file, Occur.SHOULD);
                }
            }

            if (alternatives.Clauses.Count == 0)
            {
                continue;
            }

            match.Add(alternatives, part.Excluded ? Occur.MUST_NOT : Occur.MUST);
            required += part.Excluded ? 0 : 1;
            if (meaningful.Clauses.Count > 0)
            {
                marked.Add(meaningful, Occur.SHOULD);
            }
        }

        return required == 0 ? null : (match, marked.Clauses.Count > 0 ? marked : match);
    }

    /// <summary>True when every word of <paramref name="text"/> is a stop word of <paramref name="family"/>.</summary>
    private static bool OnlyStopWords(string family, string text)
    {
        var words = text.Split([' ', '-', '\'', '.', '_'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(w => LanguageAnalyzers.IsStopWord(family, w));
    }

    private static Query FieldQuery(string field, List<(string Term, int Position)> terms, float boost)
    {
        if (terms.Count == 1)
        {
            return new TermQuery(new Term(field, terms[0].Term)) { Boost = boost };
        }

        var phrase = new PhraseQuery { Boost = boost };
        foreach (var (term, position) in terms)
        {
            phrase.Add(new Term(field, term), position);
        }

        return phrase;
    }

    private List<(string Term, int Position)> Analyze(string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = _analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }

        stream.End();
        return terms;
    }

    /// <summary>The terms <paramref name="match"/> looks for (excluded ones aside); null when it cannot list them.</summary>
    private static HashSet<Term>? TermsOf(Query match)
    {
        var terms = new HashSet<Term>();
        try
        {
            match.ExtractTerms(terms);
            return terms;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private SearchHit ToHit(IndexSearcher searcher, int doc, Query match, HashSet<Term>? terms)
    {
        var stored = searcher.Doc(doc);
        var language = LanguageTag.FromStored(stored.Get(LanguageField, CultureInfo.InvariantCulture));
        var family = LanguageAnalyzers.Family(language);
        var bodyField = LanguageAnalyzers.BodyField(family);
        var body = stored.Get(bodyField, CultureInfo.InvariantCulture) ?? string.Empty;
        var bodyMatches = terms is null || Holds(searcher.IndexReader, doc, bodyField, terms);
        // Words found only in a linked file: a passage of that file, said to be from it.
        var (snippet, file) = !bodyMatches && FileSnippet(searcher.IndexReader, doc, stored, match, terms!) is { } passage
            ? (passage.Html, passage.FileName)
            : (Snippet(match, family, bodyField, body, terms, bodyMatches), null);
        return new SearchHit(
            stored.Get(SlugField, CultureInfo.InvariantCulture),
            language,
            stored.Get(LanguageAnalyzers.TitleField(family), CultureInfo.InvariantCulture) ?? string.Empty,
            DateTimeOffset.FromUnixTimeMilliseconds(stored.GetField(PublishedField).GetInt64Value() ?? 0),
            snippet,
            [.. stored.Get(LanguagesField, CultureInfo.InvariantCulture).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(LanguageTag.FromStored)],
            file);
    }

    /// <summary>
    /// The marked passage of the first file of an entry whose text holds a searched term, with the file's name; null
    /// when the entry has no file or no file's passage can be marked.
    /// </summary>
    private (string Html, string FileName)? FileSnippet(IndexReader reader, int doc, LuceneDocument stored, Query match, HashSet<Term> terms)
    {
        var names = stored.GetValues(FileNameField, CultureInfo.InvariantCulture);
        if (names.Length == 0)
        {
            return null;
        }

        var languages = stored.GetValues(FileLanguageField, CultureInfo.InvariantCulture);
        var texts = stored.GetValues(FileTextField, CultureInfo.InvariantCulture);
        for (var i = 0; i < names.Length && i < languages.Length && i < texts.Length; i++)
        {
            var family = LanguageAnalyzers.Family(LanguageTag.FromStored(languages[i]));
            var field = LanguageAnalyzers.FileField(family);
            if (Holds(reader, doc, field, terms) && Marked(match, family, field, texts[i], terms) is { } html)
            {
                return (html, names[i]);
            }
        }

        return null;
    }

    /// <summary>
    /// True when the indexed <paramref name="field"/> of document <paramref name="doc"/> holds one of
    /// <paramref name="terms"/>: only then can the highlighter, which marks those terms, find anything in it.
    /// </summary>
    private static bool Holds(IndexReader reader, int doc, string field, HashSet<Term> terms)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        foreach (var term in terms)
        {
            if (term.Field == field && leaf.AtomicReader.GetTermDocsEnum(term) is { } docs && docs.Advance(local) == local)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Up to two passages with the matched words marked; the opening of the body when none matched there.</summary>
    /// <remarks>
    /// The highlighter analyses the text it marks, stemming included, which costs more than the search itself on
    /// long bodies. So it is not run at all on a body that holds none of the searched terms (a version found by its
    /// title), and is given a window of the body around the first place where a searched stem appears literally
    /// (case aside), and the whole opening of the body only when no stem does (ё, folded accents, stems that are not
    /// prefixes of the word).
    /// </remarks>
    private string Snippet(Query match, string family, string field, string body, HashSet<Term>? terms, bool bodyMatches)
    {
        var encoder = new MinimalHtmlEncoder();
        if (!bodyMatches)
        {
            return Opening(body, encoder);
        }

        return Marked(match, family, field, body, terms) ?? Opening(body, encoder);
    }

    /// <summary>Up to two passages of <paramref name="body"/> with the matched words marked; null when none can be marked.</summary>
    private string? Marked(Query match, string family, string field, string body, HashSet<Term>? terms)
    {
        var encoder = new MinimalHtmlEncoder();

        // A character of Chinese, Japanese or Thai says about what a word of a spaced language does: half as many make
        // a passage as long to read, and a quarter as much text for SmartCn or ICU to segment again.
        var dense = LanguageAnalyzers.WritesWithoutSpaces(family);
        var fragmentChars = dense ? SnippetFragmentChars / 2 : SnippetFragmentChars;
        var windowChars = dense ? SnippetWindowChars / 4 : SnippetWindowChars;
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, new QueryScorer(match, field))
        {
            TextFragmenter = new SimpleFragmenter(fragmentChars),
            MaxDocCharsToAnalyze = windowChars * 4,
        };
        var window = Window(terms, field, body, windowChars, fragmentChars);
        var fragments = Fragments(highlighter, family, field, window);
        if (fragments.Length == 0 && window.Length < body.Length)
        {
            fragments = Fragments(highlighter, family, field, body);
        }

        if (fragments.Length > 0)
        {
            return string.Join(" … ", fragments.Select(f => f.Replace('\n', ' ').Trim().TrimStart('.', ',', ';', ':', ' ')));
        }

        return null;
    }

    /// <summary>The escaped opening of <paramref name="body"/>: the snippet when no word of it matched.</summary>
    private static string Opening(string body, IEncoder encoder) =>
        encoder.EncodeText(body.Length <= SnippetFragmentChars * 2 ? body : body[..OpeningCut(body, SnippetFragmentChars * 2)] + " …");

    /// <summary>The best two fragments of <paramref name="text"/>, analysed as the index analysed it.</summary>
    /// <remarks>
    /// Normalizing the text first and analysing it without the character filter gives the same words, and saves the
    /// filter, which Lucene.Net runs a character at a time under a lock. Normalizing maps one character to one, so
    /// the words' offsets are offsets in <paramref name="text"/>; only a soft hyphen (dropped) would shift them, and
    /// text holding one goes through the character filter, which keeps track of the shift.
    /// </remarks>
    private string[] Fragments(Highlighter highlighter, string family, string field, string text)
    {
        var normalized = LanguageAnalyzers.Normalize(text, family);
        var stream = normalized.Length == text.Length ? _indexAnalyzer.GetTokenStream(field, normalized) : _analyzer.GetTokenStream(field, text);
        return highlighter.GetBestFragments(stream, text, 2);
    }

    private const int SnippetWindowChars = 640;

    /// <summary>The part of <paramref name="body"/> around the earliest literal occurrence of a searched stem.</summary>
    private static string Window(HashSet<Term>? terms, string field, string body, int windowChars, int fragmentChars)
    {
        if (body.Length <= windowChars || terms is null)
        {
            return body;
        }

        var first = -1;
        foreach (var term in terms.Where(t => t.Field == field))
        {
            // Stems such as "polici" or "happi" are not prefixes of their words; one letter less usually is.
            var stem = term.Text.Length > 4 ? term.Text[..^1] : term.Text;
            var at = body.IndexOf(stem, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first < 0)
        {
            return body;
        }

        var start = Math.Max(0, first - (fragmentChars / 2));
        if (start > 0)
        {
            var space = body.IndexOf(' ', start);
            start = space >= 0 && space < first ? space + 1 : start;
        }

        var length = Math.Min(windowChars, body.Length - start);
        if (start + length < body.Length && char.IsHighSurrogate(body[start + length - 1]))
        {
            length--;
        }

        return body.Substring(start, length);
    }

    /// <summary>Where to cut the opening of a long body: at its last space before <paramref name="limit"/>, or mid-word when there is none.</summary>
    private static int OpeningCut(string body, int limit)
    {
        var space = body.LastIndexOf(' ', limit);
        if (space > 0)
        {
            return space;
        }

        // Never split a surrogate pair.
        return char.IsHighSurrogate(body[limit - 1]) ? limit - 1 : limit;
    }

    /// <summary>Escapes the five characters that matter in HTML and leaves every other letter readable.</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => HtmlText.Escape(originalText);
    }

    private sealed class BM25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}

/// <summary>One entry of the search index as stored: what <see cref="LuceneSearchIndex.Entries"/> gives.</summary>
/// <param name="Slug">The document's slug; empty when the entry has none.</param>
/// <param name="Language">The version's language tag as stored; empty when the entry has none.</param>
/// <param name="Title">The indexed title.</param>
/// <param name="Body">The indexed body, as plain text (see <c>PlainTextOf</c>).</param>
/// <param name="PublishedAt">The publication time indexed; null when the entry has none.</param>
public sealed record IndexedVersion(string Slug, string Language, string Title, string Body, DateTimeOffset? PublishedAt);
