using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;
using Hexapla.Translation.MachineTranslation;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Editorial;

public sealed class MachinePrefillTests : NewsroomTestBase
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);


    protected override async Task SetUpAsync()
    {
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument("talks", EnGb, "Talks resume", "# Geneva\n\nNegotiators met.\n\nThey agreed.\n\nTalks go on."));
        await Newsroom.PublishReviewedAsync(Editor, "talks", EnGb);
    }

    private sealed class Marker : IMachineTranslator
    {
        public List<string> Asked { get; } = [];

        public string Name => "test service";

        public Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> texts, LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default)
        {
            Asked.AddRange(texts);
            return Task.FromResult<IReadOnlyList<string>>([.. texts.Select(t => $"MT({t})")]);
        }
    }

    private sealed class Broken : IMachineTranslator
    {
        public string Name => "broken service";

        public Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> texts, LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default) =>
            throw new MachineTranslationException("broken service did not answer within 10 seconds.");
    }

    [Fact]
    public async Task Prefill_PartialTranslation_FillsOnlyMissingSegmentsAsMarkedDraft()
    {
        await Newsroom.SaveVersionAsync(Editor, "talks", FrFr, new VersionEdit("Reprise", "# Genève\n\nLes négociateurs se sont réunis."), null);
        var translator = new Marker();

        var result = await Newsroom.PrefillMachineTranslationAsync(Editor, "talks", FrFr, translator);

        Assert.Equal(["They agreed.", "Talks go on."], translator.Asked);
        Assert.Equal(2, result.Machine);
        Assert.Equal(VersionState.Draft, result.Version.State);
        Assert.Equal("# Genève\n\nLes négociateurs se sont réunis.\n\nMT(They agreed.)\n\nMT(Talks go on.)\n", result.Version.Body);
        Assert.Equal([false, false, true, true], result.Version.Links.Select(l => l.Machine));
        var status = TranslationStatus.Of((await Store.FindDocumentAsync("talks"))!, FrFr);
        Assert.True(status.IsUpToDate);
    }

    [Fact]
    public async Task Prefill_MemoryKnowsASegment_UsesItUnmarked()
    {
        var translator = new Marker();
        var result = await Newsroom.PrefillMachineTranslationAsync(Editor, "talks", FrFr, translator,
            source => Task.FromResult(source == "They agreed." ? "Ils sont tombés d'accord." : null));

        Assert.Equal(1, result.FromMemory);
        Assert.Equal("MT(Talks resume)", result.Version.Title);
        Assert.DoesNotContain("They agreed.", translator.Asked);
        Assert.Contains("Ils sont tombés d'accord.", result.Version.Body, StringComparison.Ordinal);
        Assert.Equal(3, result.Version.Links.Count(l => l.Machine));
    }

    [Fact]
    public async Task Prefill_WithoutALookup_ConsultsTheStoresTranslationMemoryFirst()
    {
        await Store.AddAsync([new Hexapla.Storage.MemoryUnit(EnGb, FrFr, "They agreed.", "Ils se sont mis d'accord.", "tmx test.tmx", Start)]);
        var translator = new Marker();

        var result = await Newsroom.PrefillMachineTranslationAsync(Editor, "talks", FrFr, translator);

        Assert.Equal(1, result.FromMemory);
        Assert.DoesNotContain("They agreed.", translator.Asked);
        Assert.Contains("Ils se sont mis d'accord.", result.Version.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithUncheckedMachineSegments_IsRefusedUntilAPersonEditsOrConfirms()
    {
        var prefilled = (await Newsroom.PrefillMachineTranslationAsync(Editor, "talks", FrFr, new Marker())).Version;

        var refusal = await Assert.ThrowsAsync<EditorialException>(() => Newsroom.PublishReviewedAsync(Editor, "talks", FrFr));
        Assert.Contains("machine-translated", refusal.Message, StringComparison.Ordinal);

        var edited = await Newsroom.SaveVersionAsync(Editor, "talks", FrFr, new VersionEdit(prefilled.Title, prefilled.Body.Replace("MT(Negotiators met.)", "Les négociateurs se sont réunis.", StringComparison.Ordinal)), prefilled.Revision);
        Assert.Equal(3, edited.Links.Count(l => l.Machine));
        refusal = await Assert.ThrowsAsync<EditorialException>(() => Newsroom.PublishReviewedAsync(Editor, "talks", FrFr));
        Assert.Contains("machine-translated", refusal.Message, StringComparison.Ordinal);

        var checkedVersion = await Newsroom.ConfirmMachineTranslationAsync(Editor, "talks", FrFr, edited.Revision);
        Assert.DoesNotContain(checkedVersion.Links, l => l.Machine);
        var published = await Newsroom.PublishReviewedAsync(Editor, "talks", FrFr);
        Assert.Equal(VersionState.Published, published.State);
    }

    [Fact]
    public async Task Prefill_FailingService_StoresNothing_PublishedVersion_GetsAWorkingCopyLiveTextUntouched()
    {
        await Assert.ThrowsAsync<MachineTranslationException>(() => Newsroom.PrefillMachineTranslationAsync(Editor, "talks", FrFr, new Broken()));
        Assert.Null((await Store.FindDocumentAsync("talks"))!.Version(FrFr));

        var refusal = await Assert.ThrowsAsync<EditorialException>(() => Newsroom.PrefillMachineTranslationAsync(Editor, "talks", EnGb, new Marker()));
        Assert.Equal(EditorialErrorKind.Invalid, refusal.Kind);

        var saved = await Newsroom.SaveVersionAsync(Editor, "talks", FrFr, new VersionEdit("Reprise", "Un."), null);
        await Newsroom.PublishReviewedAsync(Editor, "talks", FrFr);
        var prefilled = (await Newsroom.PrefillMachineTranslationAsync(Editor, "talks", FrFr, new Marker())).Version;
        Assert.Equal((VersionState.Published, VersionState.Draft), (prefilled.State, prefilled.Working?.State));
        Assert.Contains("MT(", prefilled.Working!.Body, StringComparison.Ordinal);
        Assert.Equal(saved.Body, (await Store.FindLiveDocumentAsync("talks"))!.Version(FrFr)!.Body);
    }
}
