using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Tests.Accounts;

public sealed class ReadScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag DeDe = LanguageTag.Parse("de-DE");

    private static User Person(Role role, params LanguageTag[] languages) => new(1, "x", role, languages, false, Now);

    private static LanguageVersion Version(LanguageTag language) => new()
    {
        Language = language, Title = $"Title {language}", Body = "Body", State = VersionState.Draft, Revision = 1, UpdatedAt = Now,
    };

    [Theory]
    [InlineData(Role.Admin, true, true, true)]
    [InlineData(Role.Editor, true, true, true)]
    [InlineData(Role.Reviewer, true, true, true)]
    [InlineData(Role.Translator, true, true, false)]
    public void ReadScope_OfEachRole_AllowsWhatCanReadAllows(Role role, bool original, bool own, bool other)
    {
        var user = Person(role, role == Role.Translator ? [EnGb] : []);
        var scope = user.ReadScope();

        Assert.Equal((original, own, other), (scope.Allows(RuRu, RuRu), scope.Allows(RuRu, EnGb), scope.Allows(RuRu, DeDe)));
        Assert.Equal((original, own, other), (user.CanRead(RuRu, RuRu), user.CanRead(RuRu, EnGb), user.CanRead(RuRu, DeDe)));
        Assert.Equal(role != Role.Translator, scope.IsEverything);
    }

    [Fact]
    public void Visible_KeepsOnlyTheOriginalAndTheTranslatorsLanguages()
    {
        var document = new Document { Slug = "d", OriginalLanguage = RuRu, CreatedAt = Now, UpdatedAt = Now, Versions = [Version(DeDe), Version(EnGb), Version(RuRu)] };

        var visible = Person(Role.Translator, EnGb).ReadScope().Visible(document);

        Assert.Equal(["en-GB", "ru-RU"], visible.Versions.Select(v => v.Language.Value));
        Assert.Same(document, ReadScope.Everything.Visible(document));
    }
}
