using System.Text;
using Hexapla.Interchange;
using Hexapla.Interchange.Markdown;
using Hexapla.Languages;

namespace Hexapla.Tests.Interchange;

public sealed class FrontMatterReaderTests
{
    private const string Body = "The council met on Tuesday to discuss the budget for the coming year.\n\nMembers said the plan was too expensive.";

    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    private static ParsedVersion Read(string text, LanguageTag? named = null, ImportOptions? options = null, string name = "post.md") =>
        FrontMatterReader.Read(new ImportFile(name, Encoding.UTF8.GetBytes(text)), options ?? new ImportOptions(), named);

    private static ImportError ReadFails(string text, LanguageTag? named = null, string name = "post.md")
    {
        var e = Assert.Throws<ImportException>(() => Read(text, named, name: name));
        var error = Assert.Single(e.Errors);
        Assert.Equal(name, error.File);
        return error;
    }

    [Fact]
    public void Read_FullFrontMatter_ReadsEveryField()
    {
        var version = Read("""
            ---
            title: "Развитие ситуации в Ираке"
            slug: razvitie-situacii-v-irake
            date: 2016-02-29T10:30:00+03:00
            lang: ru-RU
            original: true
            tags: [Iraq, Middle East, iraq, " Terrorism "]
            summary: Обзор положения в Ираке.
            draft: true
            ---

            Ирак по-прежнему остаётся в эпицентре ближневосточной нестабильности.

            Второй абзац.
            """);

        Assert.Equal("Развитие ситуации в Ираке", version.Title);
        Assert.Equal("razvitie-situacii-v-irake", version.Slug);
        Assert.Equal(new DateTimeOffset(2016, 2, 29, 7, 30, 0, TimeSpan.Zero), version.Date);
        Assert.Equal(TimeSpan.Zero, version.Date!.Value.Offset);
        Assert.Equal(RuRu, version.Language);
        Assert.True(version.IsOriginal);
        Assert.Equal(new[] { "iraq", "middle east", "terrorism" }, version.Tags);
        Assert.Equal("Обзор положения в Ираке.", version.Summary);
        Assert.True(version.IsDraft);
        Assert.Equal("Ирак по-прежнему остаётся в эпицентре ближневосточной нестабильности.\n\nВторой абзац.", version.Body);
    }

    [Fact]
    public void Read_TagsAsCommaString_SplitsTrimsLowercasesAndDropsDuplicates()
    {
        var version = Read($"---\ntags: \"Iraq, Syria ,  , terrorism,IRAQ\"\n---\n{Body}\n", EnGb);

        Assert.Equal(new[] { "iraq", "syria", "terrorism" }, version.Tags);
    }

    [Fact]
    public void Read_DateOnly_IsMidnightUtc()
    {
        var version = Read($"---\ndate: 2016-02-29\n---\n{Body}\n", EnGb);

        Assert.Equal(new DateTimeOffset(2016, 2, 29, 0, 0, 0, TimeSpan.Zero), version.Date);
    }

    [Fact]
    public void Read_DateOnly_IsMidnightInTheSiteTimeZone()
    {
        var version = Read($"---\ndate: 2016-02-29\n---\n{Body}\n", EnGb, new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") });

        Assert.Equal(new DateTimeOffset(2016, 2, 28, 21, 0, 0, TimeSpan.Zero), version.Date);
    }

    [Theory]
    [InlineData("2026-12-06T15:54:01")]
    [InlineData("2026-12-06 15:54")]
    public void Read_DateTimeWithoutOffset_IsAnErrorNamingFieldAndLine(string date)
    {
        var error = ReadFails($"---\ntitle: Budget\nlang: en-GB\ndate: {date}\n---\n" + Body);

        Assert.Equal(4, error.Line);
        Assert.StartsWith("field \"date\" needs an offset", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DateTimeWithZ_IsThatInstant()
    {
        var version = Read($"---\ndate: 2026-12-06T15:54:01Z\n---\n{Body}\n", EnGb, new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") });

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 15, 54, 1, TimeSpan.Zero), version.Date);
    }

    [Fact]
    public void Read_MinimalFrontMatter_LeavesUnstatedFieldsNull()
    {
        var version = Read($"---\ntitle: Budget\n---\n{Body}\n", EnGb);

        Assert.Null(version.Slug);
        Assert.Null(version.Date);
        Assert.Null(version.IsOriginal);
        Assert.False(version.IsDraft);
        Assert.Null(version.Tags);
        Assert.Null(version.Summary);
        Assert.Equal(Body, version.Body);
    }

    [Fact]
    public void Read_UnknownHugoKeys_AreIgnored()
    {
        var version = Read($$"""
            ---
            title: Budget
            weight: 10
            aliases: [/old/budget/, /older/]
            params:
              author: Jane
              featured: [1, 2]
            cascade:
              - _target: {kind: page}
            lang: en-GB
            ---
            {{Body}}
            """);

        Assert.Equal("Budget", version.Title);
        Assert.Equal(EnGb, version.Language);
        Assert.Equal(Body, version.Body);
    }

    [Fact]
    public void Read_NoFrontMatterButHeading_TitleFromHeadingAndHeadingLeavesBody()
    {
        var version = Read($"# The budget debate\n\n{Body}\n", EnGb);

        Assert.Equal("The budget debate", version.Title);
        Assert.Equal(Body, version.Body);
    }

    [Fact]
    public void Read_NoTitleNoHeading_TitleIsFirstSentence()
    {
        var version = Read($"{Body}\n", EnGb);

        Assert.Equal("The council met on Tuesday to discuss the budget for the coming year", version.Title);
    }

    [Fact]
    public void Read_NoLanguageStated_DetectsIt()
    {
        var version = Read($"---\ntitle: Budget\n---\n{Body}\n");

        Assert.Equal("en", version.Language.Value);
    }

    [Theory]
    [InlineData("---\ntitle: [unclosed\nlang: en-GB\n---\n", 2)]
    [InlineData("---\ntitle: Budget\nlang: en-GB\nsummary: [unclosed\n---\n", 4)]
    [InlineData("---\ntitle: \"unclosed\nlang: en-GB\n---\n", 2)]
    [InlineData("---\ntitle: Budget\ntitle: Again\n---\n", 3)]
    public void Read_BrokenYaml_LineIsTheFileLineOfTheProblem(string frontMatter, int line)
    {
        var error = ReadFails(frontMatter + Body);

        Assert.Equal(line, error.Line);
        Assert.Contains("YAML", error.Reason);
    }

    [Fact]
    public void Read_YamlMappingError_LineIsTheFileLineOfTheProblem()
    {
        var error = ReadFails("---\ntitle: Budget\nlang: en-GB\n  draft: true\n---\n" + Body);

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Read_UnclosedFrontMatter_Throws()
    {
        var error = ReadFails("---\ntitle: Budget\nlang: en-GB\n\n" + Body);

        Assert.Equal(1, error.Line);
        Assert.Contains("never closed", error.Reason);
    }

    [Fact]
    public void Read_BadLanguage_NamesFieldAndLine()
    {
        var error = ReadFails("---\ntitle: Budget\nlang: xx-!!\n---\n" + Body);

        Assert.Equal(3, error.Line);
        Assert.Contains("\"lang\"", error.Reason);
        Assert.Contains("xx-!!", error.Reason);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2016-02-30")]
    [InlineData("29/02/2016 maybe")]
    public void Read_BadDate_NamesFieldAndLine(string date)
    {
        var error = ReadFails($"---\ntitle: Budget\nlang: en-GB\ndate: {date}\n---\n" + Body);

        Assert.Equal(4, error.Line);
        Assert.Contains("\"date\"", error.Reason);
    }

    [Theory]
    [InlineData("Not A Slug")]
    [InlineData("bad--slug")]
    [InlineData("-leading")]
    public void Read_BadSlug_NamesLine(string slug)
    {
        var error = ReadFails($"---\ntitle: Budget\nslug: {slug}\nlang: en-GB\n---\n" + Body);

        Assert.Equal(3, error.Line);
        Assert.Contains(slug, error.Reason);
    }

    [Fact]
    public void Read_OriginalMaybe_Throws()
    {
        var error = ReadFails("---\ntitle: Budget\nlang: en-GB\noriginal: maybe\n---\n" + Body);

        Assert.Equal(4, error.Line);
        Assert.Contains("\"original\"", error.Reason);
        Assert.Contains("maybe", error.Reason);
    }

    [Fact]
    public void Read_LanguageContradictsBundleName_Throws()
    {
        var error = ReadFails("---\ntitle: Budget\nlang: ru-RU\n---\n" + Body, named: EnGb, name: "budget.en-GB.md");

        Assert.Equal(3, error.Line);
        Assert.Contains("ru-RU", error.Reason);
        Assert.Contains("en-GB", error.Reason);
    }

    [Fact]
    public void Read_LanguageAgreesWithBundleName_Reads()
    {
        var version = Read("---\ntitle: Budget\nlang: en-gb\n---\n" + Body, named: EnGb, name: "budget.en-GB.md");

        Assert.Equal(EnGb, version.Language);
    }

    [Fact]
    public void Read_EmptyBodyAfterFrontMatter_ThrowsWithLine()
    {
        var error = ReadFails("---\ntitle: Budget\nlang: en-GB\n---\n\n\n");

        Assert.Equal(5, error.Line);
    }

    [Theory]
    [InlineData("title: *j\ntags: *j\nsummary: *j\n")]
    [InlineData("? *j\n: key\n")]
    [InlineData("[*j, *j]: key\n")]
    public async Task Read_AliasBomb_FinishesQuicklyWithImportOrImportException(string use)
    {
        // Ten lists of ten aliases to the list before: 10^10 "lol"s for anything that expands the last one.
        var yaml = new StringBuilder("---\nlang: en-GB\n");
        yaml.Append("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var name = 'b'; name <= 'j'; name++)
        {
            yaml.Append(name).Append(": &").Append(name).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + (char)(name - 1), 10)).Append("]\n");
        }

        yaml.Append(use).Append("---\n").Append(Body);

        await AssertFinishesQuickly(yaml.ToString());
    }

    [Theory]
    [InlineData("title: ", "[", "]", 200_000)]
    [InlineData("title: ", "{a: ", "}", 200_000)]
    [InlineData("title:\n", "- ", "", 100)]
    public async Task Read_DeepNesting_ThrowsImportExceptionInsteadOfOverflowingTheStack(string key, string open, string close, int depth)
    {
        // Without a depth limit the loader recurses once per level and ends the whole process with a stack overflow.
        var nested = open == "- "
            ? string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i * 2) + "-\n"))
            : string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
        var text = "---\n" + key + nested + "\n---\n" + Body;

        var e = await Assert.ThrowsAsync<ImportException>(() => Task.Run(() => Read(text)).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("nested", Assert.Single(e.Errors).Reason);
    }

    private static async Task AssertFinishesQuickly(string text)
    {
        var read = Task.Run(() =>
        {
            try
            {
                Read(text);
            }
            catch (ImportException)
            {
                // Refusing the file is as good an answer as reading it; hanging or exhausting memory is not.
            }
        });

        // Throws TimeoutException, failing the test, if the reader is still busy after 10 s.
        await read.WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Found by fuzzing: each line starting with --- inside the front matter copied the rest of the file.
    [Fact]
    public void Read_LinesStartingWithThreeHyphensInside_AreNotTheClosingFence()
    {
        var version = Read("---\ntitle: Three\nsummary: >\n  a\n--- not a fence\n---\nThe body text is here.", EnGb);

        Assert.Equal("Three", version.Title);
        Assert.Equal("The body text is here.", version.Body);
    }
}
