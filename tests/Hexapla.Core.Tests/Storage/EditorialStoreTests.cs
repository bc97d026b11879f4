using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Storage;

/// <summary>
/// The editorial writes (compare-and-set saves, creation, deletion, their audit and generation), the editors'
/// reads, the translation memory, glossaries and segment storage: written once, run on every provider.
/// </summary>
public abstract class EditorialStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    protected TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    private static AuditEntry Audit(string action, string actor = "ed") => new(0, Now, actor, action, "x", null);

    private static LanguageVersion Version(LanguageTag language, int revision, string title = "Title") => new()
    {
        Language = language,
        Title = title,
        Body = $"Body {revision}. Second sentence.",
        State = VersionState.Draft,
        Revision = revision,
        UpdatedAt = Now.AddMinutes(revision),
        Segments = [new SegmentRef("s1", "h1"), new SegmentRef("s2", "h2")],
        Links = [new SegmentLink("s1", "o1", "oh1", Machine: true)],
    };

    private static Document Doc(string slug) => new()
    {
        Slug = slug,
        OriginalLanguage = EnGb,
        CreatedAt = Now,
        UpdatedAt = Now,
        Versions = [Version(EnGb, 1)],
    };

    [SkippableFact]
    public async Task CreateDocument_SlugTaken_ReturnsNullAndWritesNothing()
    {
        var store = await Provider.OpenAsync();

        var created = await store.CreateDocumentAsync(Doc("one"), Audit("document.create"));
        var again = await store.CreateDocumentAsync(Doc("one") with { Versions = [Version(EnGb, 1, "Other")] }, Audit("document.create"));

        Assert.NotNull(created);
        Assert.Equal(1, created.Value.Generation);
        Assert.Null(again);
        Assert.Equal("Title", (await store.FindDocumentAsync("one"))!.Version(EnGb)!.Title);
        Assert.Single(await store.ListAuditAsync(0, 10));
        Assert.Equal("ed", Assert.Single(await store.ListRevisionsAsync("one", EnGb)).CreatedBy);
    }

    [SkippableFact]
    public async Task SaveVersion_ExpectedRevision_WritesRevisionAuditAndGeneration_StaleRevisionChangesNothing()
    {
        var store = await Provider.OpenAsync();
        await store.CreateDocumentAsync(Doc("doc"), Audit("document.create"));

        var saved = await store.SaveVersionAsync("doc", Version(EnGb, 2, "Second"), expectedRevision: 1, Audit("version.save", "anna"));
        var stale = await store.SaveVersionAsync("doc", Version(EnGb, 2, "Lost"), expectedRevision: 1, Audit("version.save"));
        var added = await store.SaveVersionAsync("doc", Version(FrFr, 1, "Titre"), expectedRevision: null, Audit("version.save"));
        var addedTwice = await store.SaveVersionAsync("doc", Version(FrFr, 1, "Encore"), expectedRevision: null, Audit("version.save"));
        var missing = await store.SaveVersionAsync("nowhere", Version(FrFr, 1), expectedRevision: null, Audit("version.save"));

        Assert.Equal(2, saved);
        Assert.Null(stale);
        Assert.Equal(3, added);
        Assert.Null(addedTwice);
        Assert.Null(missing);
        Assert.Equal(3, await store.GetGenerationAsync());
        var document = (await store.FindDocumentAsync("doc"))!;
        Assert.Equal(("Second", 2), (document.Version(EnGb)!.Title, document.Version(EnGb)!.Revision));
        Assert.Equal("Titre", document.Version(FrFr)!.Title);
        Assert.Equal([2, 1], (await store.ListRevisionsAsync("doc", EnGb)).Select(r => r.Revision));
        Assert.Equal("anna", (await store.ListRevisionsAsync("doc", EnGb))[0].CreatedBy);
        Assert.Equal(3, (await store.ListAuditAsync(0, 10)).Count);
    }

    [SkippableFact]
    public async Task SaveVersion_ExpectedStateDiffers_ReturnsNull()
    {
        var store = await Provider.OpenAsync();
        await store.CreateDocumentAsync(Doc("doc"), Audit("document.create"));

        Assert.Null(await store.SaveVersionAsync("doc", Version(EnGb, 2), 1, Audit("version.approve"), expectedState: VersionState.InReview));
        Assert.Equal(2, await store.SaveVersionAsync("doc", Version(EnGb, 2), 1, Audit("version.save"), expectedState: VersionState.Draft));
    }

    [SkippableFact]
    public async Task SaveVersion_ManyWritersSameExpectedRevision_ExactlyOneWins()
    {
        var store = await Provider.OpenAsync();
        await store.CreateDocumentAsync(Doc("race"), Audit("document.create"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.SaveVersionAsync("race", Version(EnGb, 2, $"Writer {i}"), expectedRevision: 1, Audit("version.save", $"w{i}")))));

        Assert.Single(results, r => r is not null);
        Assert.Equal(2, await store.GetGenerationAsync());
        Assert.Equal(2, (await store.ListRevisionsAsync("race", EnGb)).Count);
    }

    [SkippableFact]
    public async Task CreateDocument_ManyWritersSameSlug_ExactlyOneWins()
    {
        var store = await Provider.OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => store.CreateDocumentAsync(Doc("same") with { Versions = [Version(EnGb, 1, $"Writer {i}")] }, Audit("document.create")))));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.Value.Document.Versions[0].Title, (await store.FindDocumentAsync("same"))!.Version(EnGb)!.Title);
        Assert.Single(await store.ListAuditAsync(0, 10));
    }

    [SkippableFact]
    public async Task DeleteDocument_RemovesItsVersionsAndRevisions_UnknownIsNull()
    {
        var store = await Provider.OpenAsync();
        await store.CreateDocumentAsync(Doc("gone"), Audit("document.create"));

        Assert.Equal(2, await store.DeleteDocumentAsync("gone", Audit("document.delete")));
        Assert.Null(await store.DeleteDocumentAsync("gone", Audit("document.delete")));
        Assert.Null(await store.FindDocumentAsync("gone"));
        Assert.Equal(0, await Provider.QueryAsync<int>("SELECT count(*) FROM revisions;"));
        Assert.Equal(0, await Provider.QueryAsync<int>("SELECT count(*) FROM versions;"));
    }

    [SkippableFact]
    public async Task ListDocuments_FiltersByLanguageStateAndTitleText_NewestFirst()
    {
        var store = await Provider.OpenAsync();
        await store.SaveDocumentsAsync(
        [
            Doc("old") with { UpdatedAt = Now.AddDays(-1), Versions = [Version(EnGb, 1, "Talks RESUME")] },
            Doc("new") with { UpdatedAt = Now, Versions = [Version(EnGb, 1, "Weather"), Version(FrFr, 1, "Météo") with { State = VersionState.Published, PublishedAt = Now }] },
        ]);

        var all = await store.ListDocumentsAsync(new DocumentFilter());
        var text = await store.ListDocumentsAsync(new DocumentFilter(Text: " resume "));
        var french = await store.ListDocumentsAsync(new DocumentFilter(Language: FrFr));
        var published = await store.ListDocumentsAsync(new DocumentFilter(State: VersionState.Published));
        var page = await store.ListDocumentsAsync(new DocumentFilter(Offset: 1, Limit: 1));

        Assert.Equal(["new", "old"], all.Rows.Select(r => r.Slug));
        Assert.Equal(["en-GB", "fr-FR"], all.Rows[0].Versions.Select(v => v.Language.Value));
        Assert.Equal("old", Assert.Single(text.Rows).Slug);
        Assert.Equal("new", Assert.Single(french.Rows).Slug);
        Assert.Equal("new", Assert.Single(published.Rows).Slug);
        Assert.Equal((2L, "old"), (page.Total, Assert.Single(page.Rows).Slug));
    }

    [SkippableFact]
    public async Task ListDocuments_WithAReadScope_MatchesCountsAndListsOnlyReadableVersions()
    {
        var store = await Provider.OpenAsync();
        var deDe = LanguageTag.Parse("de-DE");
        var ruRu = LanguageTag.Parse("ru-RU");
        await store.SaveDocumentsAsync(
        [
            Doc("secret") with { UpdatedAt = Now, Versions = [Version(EnGb, 1, "Budget"), Version(deDe, 1, "Sperrfrist Haushalt") with { State = VersionState.InReview }] },
            Doc("german") with { OriginalLanguage = deDe, UpdatedAt = Now.AddDays(-1), Versions = [Version(deDe, 1, "Haushalt im Original")] },
            Doc("russian") with { UpdatedAt = Now.AddDays(-2), Versions = [Version(EnGb, 1, "Talks"), Version(ruRu, 1, "Переговоры Haushalt")] },
        ]);
        var russianTranslator = new ReadScope([ruRu]);

        var byTitle = await store.ListDocumentsAsync(new DocumentFilter(Text: "haushalt", Readable: russianTranslator));
        var byLanguage = await store.ListDocumentsAsync(new DocumentFilter(Language: deDe, Readable: russianTranslator));
        var byState = await store.ListDocumentsAsync(new DocumentFilter(State: VersionState.InReview, Readable: russianTranslator));
        var all = await store.ListDocumentsAsync(new DocumentFilter(Readable: russianTranslator));
        var none = await store.ListDocumentsAsync(new DocumentFilter(Text: "haushalt", Readable: new ReadScope([])));
        var everything = await store.ListDocumentsAsync(new DocumentFilter(Text: "haushalt", Readable: ReadScope.Everything));

        // "german" matches by its de-DE original, which every translator reads; "russian" by its ru-RU version.
        Assert.Equal(2L, byTitle.Total);
        Assert.Equal(["german", "russian"], byTitle.Rows.Select(r => r.Slug));
        Assert.Equal((1L, "german"), (byLanguage.Total, Assert.Single(byLanguage.Rows).Slug));
        Assert.Equal((0L, 0), (byState.Total, byState.Rows.Count));
        Assert.Equal(3L, all.Total);
        Assert.Equal(["en-GB"], all.Rows[0].Versions.Select(v => v.Language.Value));
        Assert.Equal(["en-GB", "ru-RU"], all.Rows[2].Versions.Select(v => v.Language.Value));
        Assert.Equal((1L, "german"), (none.Total, Assert.Single(none.Rows).Slug));
        Assert.Equal(3L, everything.Total);
    }

    [SkippableFact]
    public async Task Segments_RoundTripOnVersionsAndRevisions()
    {
        var store = await Provider.OpenAsync();
        await store.CreateDocumentAsync(Doc("seg"), Audit("document.create"));
        await store.SaveVersionAsync("seg", Version(EnGb, 2) with { Segments = [new SegmentRef("s9", "h9")] }, 1, Audit("version.save"));

        var version = (await store.FindDocumentAsync("seg"))!.Version(EnGb)!;
        var revisions = await store.ListRevisionSegmentsAsync("seg", EnGb);

        Assert.Equal([new SegmentRef("s9", "h9")], version.Segments);
        Assert.Equal([new SegmentLink("s1", "o1", "oh1", Machine: true)], version.Links);
        Assert.Equal([2, 1], revisions.Select(r => r.Revision));
        Assert.Equal(["s9"], revisions[0].Segments.Select(s => s.Id));
        Assert.Equal(["s1", "s2"], revisions[1].Segments.Select(s => s.Id));
    }

    [SkippableFact]
    public async Task ListAllDocuments_OrdersSlugsByCodePoint()
    {
        var store = await Provider.OpenAsync();
        await store.SaveDocumentsAsync([Doc("b"), Doc("B"), Doc("a"), Doc("é"), Doc("a-b"), Doc("a_b")]);

        Assert.Equal(["B", "a", "a-b", "a_b", "b", "é"], (await store.ListAllDocumentsAsync()).Select(d => d.Slug));
    }

    [SkippableFact]
    public async Task Memory_AddsPairsOnce_FindsNearMatches_CountsPerPair()
    {
        var store = await Provider.OpenAsync();
        var longText = new string('x', 5000);

        var added = await store.AddAsync(
        [
            new MemoryUnit(EnGb, FrFr, "The talks resume today.", "Les pourparlers reprennent aujourd'hui.", "a", Now),
            new MemoryUnit(EnGb, FrFr, "The talks resume today.", "Les pourparlers reprennent aujourd'hui.", "b", Now),
            new MemoryUnit(EnGb, FrFr, longText, longText + "y", "long", Now),
            new MemoryUnit(FrFr, EnGb, "Bonjour.", "Hello.", "c", Now),
        ]);
        var matches = await store.FindMatchesAsync(EnGb, FrFr, "The talks resume tomorrow.", minSimilarity: 0.5);

        Assert.Equal(3, added);
        Assert.Equal(0, await store.AddAsync([new MemoryUnit(EnGb, FrFr, longText, longText + "y", "again", Now)]));
        Assert.Equal(3, await store.CountAsync());
        Assert.Equal(2, await store.CountAsync(EnGb, FrFr));
        Assert.Equal(1, await store.CountAsync(targetLanguage: EnGb));
        var match = Assert.Single(matches);
        Assert.Equal(("a", Now), (match.Unit.Origin, match.Unit.CreatedAt));
        Assert.Equal(1.0, Assert.Single(await store.FindMatchesAsync(EnGb, FrFr, longText)).Score);
    }

    [SkippableFact]
    public async Task Memory_FindsAnExactMatch_AmongMorePairsOfItsLengthThanItScores()
    {
        var store = await Provider.OpenAsync();
        const string Text = "The exact sentence to find.";
        // 600 newer pairs of exactly the same length, none of them like it: more than the 500 candidates nearest in
        // length (newest first) that a lookup scores.
        var fillers = Enumerable.Range(0, 600)
            .Select(i => new MemoryUnit(EnGb, FrFr, $"Filler sentence number {i:D4}", $"Phrase de remplissage {i}", "filler", Now.AddMinutes(1)))
            .ToList();
        Assert.All(fillers, f => Assert.Equal(Text.Length, f.Source.Length));
        await store.AddAsync([new MemoryUnit(EnGb, FrFr, Text, "La phrase exacte à trouver.", "exact", Now), .. fillers]);

        var match = Assert.Single(await store.FindMatchesAsync(EnGb, FrFr, Text));

        Assert.Equal((1.0, "exact", "La phrase exacte à trouver."), (match.Score, match.Unit.Origin, match.Unit.Target));
    }

    [SkippableFact]
    public async Task Memory_NearMatchesShorterAndLonger_AreFound_AndAnExactLookupGivesOnlyExactOnes()
    {
        var store = await Provider.OpenAsync();
        const string Text = "The talks on the ceasefire resume today in Geneva.";
        string[] near = [Text, Text[..^1] + " now.", Text.Replace("today ", "", StringComparison.Ordinal), Text[..^1] + " and Vienna."];
        var tooLong = Text + " " + Text;
        await store.AddAsync([.. near.Append(tooLong).Select((source, i) => new MemoryUnit(EnGb, FrFr, source, $"Traduction {i}", $"n{i}", Now))]);

        var matches = await store.FindMatchesAsync(EnGb, FrFr, Text, minSimilarity: 0.5, max: 10);
        var exact = await store.FindMatchesAsync(EnGb, FrFr, Text, minSimilarity: 1.0, max: 10);

        Assert.Equal(near.Order(StringComparer.Ordinal), matches.Select(m => m.Unit.Source).Order(StringComparer.Ordinal));
        Assert.Equal(Text, matches[0].Unit.Source);
        Assert.Equal(Text, Assert.Single(exact).Unit.Source);
    }

    [SkippableFact]
    public async Task Memory_NearMatchesAmongManyPairs_AreFoundInTheDocumentsNamed_AndOnlyThere()
    {
        var store = await Provider.OpenAsync();
        const string Text = "The talks on the ceasefire resume today in Geneva.";
        const string Near = "The talks on the ceasefire resume today in Paris.";
        // 600 pairs of the text's own length from other documents: more than the candidates a lookup reads by length,
        // all read before any pair one character shorter, as the near match is.
        var fillers = Enumerable.Range(0, 600)
            .Select(i => new MemoryUnit(EnGb, FrFr, $"Filler number {i:D4} of fifty characters pure noise.", $"Remplissage {i}", $"document filler-{i} r1", Now))
            .ToList();
        Assert.All(fillers, f => Assert.Equal(Text.Length, f.Source.Length));
        await store.AddAsync(
        [
            .. fillers,
            new MemoryUnit(EnGb, FrFr, Near, "Les pourparlers sur le cessez-le-feu reprennent aujourd'hui à Paris.", "document statement r2", Now),
            new MemoryUnit(EnGb, FrFr, Near[..^1] + " too.", "Autre document.", "document statement-2 r1", Now),
            new MemoryUnit(EnGb, FrFr, Near[..^1] + " now.", "Autre version.", "tmx statement.tmx", Now),
        ]);

        var byLength = await store.FindMatchesAsync(EnGb, FrFr, Text);
        var named = await store.FindMatchesAsync(EnGb, FrFr, Text, ["statement"]);

        Assert.DoesNotContain(byLength, m => m.Unit.Origin == "document statement r2");
        var match = Assert.Single(named, m => m.Unit.Origin.StartsWith("document statement", StringComparison.Ordinal));
        Assert.Equal(("document statement r2", Near), (match.Unit.Origin, match.Unit.Source));
        Assert.True(match.Score is >= 0.7 and < 1.0);
    }

    [SkippableFact]
    public async Task Glossary_UpsertsListsCaseInsensitivelyAndDeletes()
    {
        var store = await Provider.OpenAsync();

        await store.ImportGlossaryAsync(EnGb, FrFr, [new GlossaryTerm("Talks", "pourparlers", null), new GlossaryTerm("ceasefire", "cessez-le-feu", "mil.")]);
        await store.UpsertGlossaryTermAsync(EnGb, FrFr, new GlossaryTerm(" ceasefire ", "trêve", ""));
        await store.UpsertGlossaryTermAsync(FrFr, EnGb, new GlossaryTerm("trêve", "truce", null));

        Assert.Equal(
            [new GlossaryTerm("ceasefire", "trêve", null), new GlossaryTerm("Talks", "pourparlers", null)],
            await store.ListGlossaryAsync(EnGb, FrFr));
        Assert.True(await store.DeleteGlossaryTermAsync(EnGb, FrFr, "Talks"));
        Assert.False(await store.DeleteGlossaryTermAsync(EnGb, FrFr, "Talks"));
        Assert.Single(await store.ListGlossaryAsync(EnGb, FrFr));
        Assert.Single(await store.ListGlossaryAsync(FrFr, EnGb));
    }

    [SkippableFact]
    public async Task ChangesSinceAsync_NamesTheDocumentsEachWriteTouched_DeletesIncluded()
    {
        var store = await Provider.OpenAsync();
        var start = await store.GetGenerationAsync();
        await store.SaveDocumentsAsync([Doc("alpha"), Doc("beta")]);
        var afterImport = await store.GetGenerationAsync();
        await store.CreateDocumentAsync(Doc("gamma"), Audit("document.create"));
        await store.DeleteDocumentAsync("alpha", Audit("document.delete"));

        var all = await store.ChangesSinceAsync(start);
        var later = await store.ChangesSinceAsync(afterImport);
        var none = await store.ChangesSinceAsync(await store.GetGenerationAsync());

        Assert.Equal(["alpha", "beta", "gamma"], all!.Slugs);
        Assert.Equal(["alpha", "gamma"], later!.Slugs);
        Assert.Equal(afterImport + 2, later.Generation);
        Assert.Empty(none!.Slugs);
        Assert.Null(await store.ChangesSinceAsync(start - 1));
        Assert.Null(await store.ChangesSinceAsync(later.Generation + 1));
    }

    private static ImportFile Bundle(string slug, string language, string text) =>
        new($"{slug}.{language}.md", System.Text.Encoding.UTF8.GetBytes(text));

    private static List<ImportFile> Bilingual(params string[] slugs) =>
    [
        .. slugs.SelectMany(slug => new[]
        {
            Bundle(slug, "ru-RU", $"---\ntitle: Заявление {slug}\ndate: 2026-01-02\noriginal: true\n---\n\nПервое предложение. Второе предложение.\n\nВторой абзац {slug}.\n"),
            Bundle(slug, "en-GB", $"---\ntitle: Statement {slug}\ndate: 2026-01-02\n---\n\nThe first sentence. The second sentence.\n\nSecond paragraph {slug}.\n"),
        }),
    ];

    [SkippableFact]
    public async Task DeleteDocument_LeavesNoTraceOfItsTextInAnyTable()
    {
        // A deleted statement's text must not come back anywhere: not as a memory match offered to another document's
        // translator, not in any table. Only the audit log (who deleted what) and the change log (which other nodes
        // read to drop it from their indexes) keep its slug.
        var store = await Provider.OpenAsync();
        var gone = Doc("gone-statement") with
        {
            Tags = ["zanzibartag"],
            Versions =
            [
                Version(EnGb, 2, "Zanzibar embargoed title") with { Body = "Zanzibar talks. Second zanzibar sentence.", Summary = "Zanzibar summary" },
                Version(FrFr, 1, "Titre zanzibar") with { Body = "Pourparlers zanzibar. Seconde phrase zanzibar." },
            ],
        };
        await store.CreateDocumentAsync(gone, Audit("document.create"));
        await store.SaveVersionAsync("gone-statement", Version(EnGb, 3, "Zanzibar embargoed title") with { Body = "Zanzibar talks, revised." }, 2, Audit("document.save"));
        await store.CreateDocumentAsync(Doc("kept"), Audit("document.create"));
        await store.AddAsync(
        [
            new MemoryUnit(EnGb, FrFr, "Zanzibar talks.", "Pourparlers zanzibar.", "document gone-statement r1", Now),
            new MemoryUnit(EnGb, FrFr, "Second zanzibar sentence.", "Seconde phrase zanzibar.", "document gone-statement r12", Now),
            new MemoryUnit(FrFr, EnGb, "Pourparlers zanzibar.", "Zanzibar talks.", "document gone-statement r1", Now),
            new MemoryUnit(EnGb, FrFr, "Kept sentence.", "Phrase gardée.", "document kept r1", Now),
            new MemoryUnit(EnGb, FrFr, "Imported sentence.", "Phrase importée.", "tmx file.tmx", Now),
            new MemoryUnit(EnGb, FrFr, "Prefix sentence.", "Phrase préfixe.", "document gone-statement-2 r1", Now),
        ]);

        Assert.NotNull(await store.DeleteDocumentAsync("gone-statement", Audit("document.delete")));

        foreach (var table in StoreCopier.Tables)
        {
            foreach (var column in table.Columns)
            {
                var text = $"SELECT count(*) FROM {table.Name} WHERE lower(CAST({column} AS TEXT)) LIKE '%zanzibar%';";
                Assert.True(await Provider.QueryAsync<long>(text) == 0, $"{table.Name}.{column} still holds the deleted document's text.");
                if (table.Name is not "audit_log" and not "changes")
                {
                    var slug = $"SELECT count(*) FROM {table.Name} WHERE CAST({column} AS TEXT) LIKE '%gone-statement' OR CAST({column} AS TEXT) LIKE '%gone-statement %';";
                    Assert.True(await Provider.QueryAsync<long>(slug) == 0, $"{table.Name}.{column} still names the deleted document.");
                }
            }
        }

        // What other documents and files put in the memory stays, a slug that only begins like the deleted one's included.
        Assert.Equal(3, await store.CountAsync());
        Assert.Single(await store.FindMatchesAsync(EnGb, FrFr, "Prefix sentence.", minSimilarity: 1));
    }

    [SkippableFact]
    public async Task Memory_ManyPairsAtOnce_EachKeptOnceWhereverItsRepeatsFall()
    {
        // More pairs than one statement takes, with repeats in the same statement, in the next, and of stored pairs.
        var store = await Provider.OpenAsync();
        MemoryUnit Pair(int i, string origin = "a") => new(EnGb, FrFr, $"Sentence {i}.", $"Phrase {i}.", origin, Now);
        List<MemoryUnit> first = [.. Enumerable.Range(0, 150).Select(i => Pair(i)), Pair(3, "b"), Pair(149, "b")];
        first.Insert(10, Pair(5, "c"));

        var added = await store.AddAsync(first);
        var again = await store.AddAsync([.. Enumerable.Range(140, 20).Select(i => Pair(i, "d"))]);

        Assert.Equal(150, added);
        Assert.Equal(10, again);
        Assert.Equal(160, await store.CountAsync());
        var exact = Assert.Single(await store.FindMatchesAsync(EnGb, FrFr, "Sentence 5.", minSimilarity: 1));
        Assert.Equal(("Phrase 5.", "a"), (exact.Unit.Target, exact.Unit.Origin));

        await using (var write = await store.BeginBulkWriteAsync())
        {
            await write.AddMemoryAsync([.. Enumerable.Range(100, 200).Select(i => Pair(i, "e")), Pair(250, "f")]);
            await write.CommitAsync();
        }

        Assert.Equal(300, await store.CountAsync());
        Assert.Equal("e", Assert.Single(await store.FindMatchesAsync(EnGb, FrFr, "Sentence 250.", minSimilarity: 1)).Unit.Origin);
    }

    [SkippableFact]
    public async Task BeginBulkWriteAsync_WritesAsDocumentsCome_VisibleOnlyAtTheCommit()
    {
        var store = await Provider.OpenAsync();

        await using (var write = await store.BeginBulkWriteAsync())
        {
            Assert.True(write.StartedEmpty);
            await write.SaveAsync(Doc("alpha"));
            await write.AddMemoryAsync([new MemoryUnit(EnGb, FrFr, "Talks resume.", "Les pourparlers reprennent.", "test", Now)]);

            Assert.Equal(0, await store.CountDocumentsAsync());
            Assert.Equal(0, await store.CountAsync());
            await write.CommitAsync();
        }

        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Equal(1, await store.CountAsync());
        await using (var second = await store.BeginBulkWriteAsync())
        {
            Assert.False(second.StartedEmpty);
        }
    }

    [SkippableFact]
    public async Task Import_StreamsThroughTheStoresBulkWrite_AllOrNothing()
    {
        var store = await Provider.OpenAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var start = await store.GetGenerationAsync();

        var report = await new Importer(store, clock).ImportAsync(Bilingual("alpha", "beta", "gamma"), new ImportOptions());

        Assert.Equal((3, 6), (report.DocumentsCreated, report.VersionsCreated));
        Assert.Equal(start + 1, await store.GetGenerationAsync());
        Assert.Equal(["alpha", "beta", "gamma"], (await store.ChangesSinceAsync(start))!.Slugs.Order());
        var memory = store;
        var pairs = await memory.CountAsync();
        // The first paragraph, the same in every document, once with its two sentence pairs; each second paragraph.
        Assert.Equal(1 + 2 + 3, pairs);

        // A run with one bad file writes nothing, the good files' documents included.
        var files = Bilingual("delta");
        files.Add(Bundle("epsilon", "en-GB", "---\ntitle: [unclosed\n---\n\nBody.\n"));
        await Assert.ThrowsAsync<ImportException>(() => new Importer(store, clock).ImportAsync(files, new ImportOptions()));

        Assert.Equal(3, await store.CountDocumentsAsync());
        Assert.Equal(pairs, await memory.CountAsync());
        Assert.Equal(start + 1, await store.GetGenerationAsync());

        // Importing the same files again updates nothing and keeps the memory as it was.
        var again = await new Importer(store, clock).ImportAsync(Bilingual("alpha", "beta", "gamma"), new ImportOptions());
        Assert.Equal((0, 6), (again.DocumentsCreated, again.VersionsUnchanged));
        Assert.Equal(pairs, await memory.CountAsync());
    }

    [SkippableFact]
    public async Task ChangesSinceAsync_PastTheLogsReach_IsNullAndTheOldEntriesAreGone()
    {
        var store = await Provider.OpenAsync();
        store.ChangeLogGenerations = 2;
        var start = await store.GetGenerationAsync();
        foreach (var slug in new[] { "one", "two", "three", "four" })
        {
            await store.SaveDocumentsAsync([Doc(slug)]);
        }

        var now = await store.GetGenerationAsync();

        Assert.Null(await store.ChangesSinceAsync(start));
        Assert.Null(await store.ChangesSinceAsync(now - 3));
        Assert.Equal(["four", "three"], (await store.ChangesSinceAsync(now - 2))!.Slugs.Order());
        Assert.Equal(["four"], (await store.ChangesSinceAsync(now - 1))!.Slugs);
        Assert.Equal(2L, await Provider.QueryAsync<long>("SELECT count(*) FROM changes;"));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ChangeLogGenerations = 0);
    }
}

public sealed class SqliteEditorialStoreTests : EditorialStoreTests<SqliteProvider>;

public sealed class PostgresEditorialStoreTests : EditorialStoreTests<PostgresProvider>;
