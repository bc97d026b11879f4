using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Tests.Editorial;

/// <summary>What waits for whom (<see cref="WorkList"/>), on documents built in memory.</summary>
public sealed class WorkListTests
{
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag Fr = LanguageTag.Parse("fr-FR");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static User Person(string name, Role role, params string[] languages) =>
        new(1, name, role, [.. languages.Select(LanguageTag.Parse)], false, Now);

    private static LanguageVersion Version(LanguageTag language, string body, VersionState state) =>
        Segmentation.WithSegments(new LanguageVersion { Language = language, Title = $"T {language}", Body = body, State = state, UpdatedAt = Now }, null);

    /// <summary>A live Russian original whose working copy changes paragraph 2, and a live English made from the old text.</summary>
    private static Document Corrected(VersionState correction, string? author = "ed")
    {
        var original = Version(Ru, "Один.\n\nДва.", VersionState.Published);
        var english = Segmentation.LinkByPosition(Version(En, "One.\n\nTwo.", VersionState.Published), original);
        var working = Segmentation.WithSegments(original with { Body = "Один.\n\nДва, исправлено.", State = correction, Revision = 2, Author = author }, original);
        return new Document
        {
            Slug = "statement",
            OriginalLanguage = Ru,
            ExpectedLanguages = [Fr],
            Versions = [english, original with { Working = working, LastRevision = 2 }],
        };
    }

    [Fact]
    public void Translator_SeesTheOutdatedParagraphAndTheExpectedLanguage_OnlyInTheirLanguages()
    {
        var document = Corrected(VersionState.InReview);
        var secondId = document.Version(Ru)!.Segments[1].Id;

        var tom = WorkList.For(Person("tom", Role.Translator, "en-GB"), [document]);
        var item = Assert.Single(tom);
        Assert.Equal((WorkKind.Translate, En), (item.Kind, item.Language));
        Assert.Contains($"1 outdated ({secondId})", item.Detail, StringComparison.Ordinal);

        var pierre = Assert.Single(WorkList.For(Person("pierre", Role.Translator, "fr-FR"), [document]));
        Assert.Equal((WorkKind.Translate, Fr, (int?)null), (pierre.Kind, pierre.Language, pierre.Revision));
        Assert.StartsWith("not started", pierre.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_IsOthersText_Publish_IsForEditors_DisabledHasNothing()
    {
        var inReview = Corrected(VersionState.InReview);
        Assert.DoesNotContain(WorkList.For(Person("ed", Role.Editor), [inReview]), i => i.Kind == WorkKind.Review);
        Assert.DoesNotContain(WorkList.For(Person("ED", Role.Reviewer), [inReview]), i => i.Kind == WorkKind.Review);
        Assert.Single(WorkList.For(Person("rita", Role.Reviewer), [inReview]), i => i.Kind == WorkKind.Review && i.Language == Ru);

        var approved = Corrected(VersionState.Approved);
        Assert.DoesNotContain(WorkList.For(Person("rita", Role.Reviewer), [approved]), i => i.Kind == WorkKind.Publish);
        Assert.Single(WorkList.For(Person("eve", Role.Editor), [approved]), i => i.Kind == WorkKind.Publish && i.Language == Ru);

        Assert.Empty(WorkList.For(Person("eve", Role.Editor) with { Disabled = true }, [approved]));
    }

    [Fact]
    public void Revise_IsOnlyTheAuthorsTextSentBack_WithTheReason()
    {
        var document = Corrected(VersionState.Draft, author: "tom");
        document = document with { Versions = [.. document.Versions.Select(v => v.Working is { } w ? v with { Working = w with { Rejection = "Say which figure." } } : v)] };

        var mine = WorkList.For(Person("tom", Role.Editor), [document]).Single(i => i.Kind == WorkKind.Revise);
        Assert.Equal("Say which figure.", mine.Detail);
        Assert.DoesNotContain(WorkList.For(Person("eve", Role.Editor), [document]), i => i.Kind == WorkKind.Revise);
    }
}
