using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;

namespace Hexapla.Tests.Content;

public sealed class MediaRenderTests
{
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru");
    private static readonly LanguageTag En = LanguageTag.Parse("en");
    private static readonly LanguageTag Ar = LanguageTag.Parse("ar");
    private static readonly LanguageTag De = LanguageTag.Parse("de");

    private const string PhotoSha = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string PdfRuSha = "0011223344556677889900112233445566778899001122334455667788990011";
    private const string PdfEnSha = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    // A photograph of the meeting uploaded in Russian, with its texts translated into English.
    private static readonly MediaItem Photo = new()
    {
        Id = 7,
        Kind = MediaKind.Image,
        OriginalLanguage = Ru,
        Files = [new MediaFile(Ru, "vstrecha.jpg", "image/jpeg", 845_000, PhotoSha, 2400, 1600)],
        Texts =
        [
            new MediaText(Ru, MediaField.Alt, "Министры за круглым столом"),
            new MediaText(Ru, MediaField.Caption, "Встреча в Багдаде, 3 декабря"),
            new MediaText(Ru, MediaField.Title, "Встреча министров"),
            new MediaText(En, MediaField.Alt, "Ministers at a round table"),
            new MediaText(En, MediaField.Caption, "The meeting in Baghdad, 3 December"),
        ],
    };

    // The signed statement: a Russian PDF with an English variant; titles in Russian only.
    private static readonly MediaItem Statement = new()
    {
        Id = 8,
        Kind = MediaKind.File,
        OriginalLanguage = Ru,
        Files =
        [
            new MediaFile(Ru, "zayavlenie.pdf", "application/pdf", 1_258_291, PdfRuSha),
            new MediaFile(En, "statement.pdf", "application/pdf", 1_100_000, PdfEnSha),
        ],
        Texts = [new MediaText(Ru, MediaField.Title, "Текст заявления")],
    };

    private static MediaRendering Rendering(LanguageTag language, params MediaItem[] items) => new()
    {
        Language = language,
        Items = items.ToDictionary(i => i.Id),
        Words = new EnglishWords(),
    };

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument("<body>" + html + "</body>");

    [Fact]
    public void ToHtml_ImageOnItsOwnLine_FigureWithSourcesImgAndCaption()
    {
        var document = Parse(MarkdownRenderer.ToHtml("Intro.\n\n![](media:7)\n\nAfter.", Rendering(Ru, Photo)));

        var figure = Assert.Single(document.QuerySelectorAll("figure"));
        Assert.Null(figure.Closest("p"));
        var sources = figure.QuerySelectorAll("picture > source");
        Assert.Equal(["image/avif", "image/webp"], sources.Select(s => s.GetAttribute("type")));
        var sha16 = PhotoSha[..16];
        Assert.Equal(
            $"/media/7/{sha16}-w320.avif 320w, /media/7/{sha16}-w640.avif 640w, /media/7/{sha16}-w960.avif 960w, /media/7/{sha16}-w1280.avif 1280w, /media/7/{sha16}-w1920.avif 1920w",
            sources[0].GetAttribute("srcset"));
        Assert.All(sources, s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("sizes"))));
        var img = Assert.Single(figure.QuerySelectorAll("picture > img"));
        Assert.Equal($"/media/7/{sha16}-w960.jpg", img.GetAttribute("src"));
        Assert.Contains($"/media/7/{sha16}-w1920.jpg 1920w", img.GetAttribute("srcset"));
        Assert.Equal("2400", img.GetAttribute("width"));
        Assert.Equal("1600", img.GetAttribute("height"));
        Assert.Equal("Министры за круглым столом", img.GetAttribute("alt"));
        Assert.Null(img.GetAttribute("lang"));
        var caption = Assert.Single(figure.QuerySelectorAll("figcaption"));
        Assert.Equal("Встреча в Багдаде, 3 декабря", caption.TextContent);
        Assert.Null(caption.GetAttribute("lang"));
        Assert.Equal(2, document.QuerySelectorAll("p").Length);
    }

    [Fact]
    public void ToHtml_PageInTranslatedLanguage_TextsInThatLanguageUnmarked()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![](media:7)", Rendering(En, Photo)));

        var img = document.QuerySelector("img")!;
        Assert.Equal("Ministers at a round table", img.GetAttribute("alt"));
        Assert.Null(img.GetAttribute("lang"));
        Assert.Equal("The meeting in Baghdad, 3 December", document.QuerySelector("figcaption")!.TextContent);
        Assert.Null(document.QuerySelector("figcaption")!.GetAttribute("lang"));
    }

    [Fact]
    public void ToHtml_NoTextsInPageLanguage_OriginalsMarkedWithTheirLanguage()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![](media:7)", Rendering(Ar, Photo)));

        var img = document.QuerySelector("img")!;
        Assert.Equal("Министры за круглым столом", img.GetAttribute("alt"));
        Assert.Equal("ru", img.GetAttribute("lang"));
        Assert.Equal("ltr", img.GetAttribute("dir"));
        var caption = document.QuerySelector("figcaption")!;
        Assert.Equal("Встреча в Багдаде, 3 декабря", caption.TextContent);
        Assert.Equal("ru", caption.GetAttribute("lang"));
        Assert.Equal("ltr", caption.GetAttribute("dir"));
    }

    [Fact]
    public void ToHtml_MarkdownGivesAlt_ItWinsUnmarked()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![Министр *выступает*](media:7)", Rendering(Ar, Photo)));

        var img = document.QuerySelector("img")!;
        Assert.Equal("Министр выступает", img.GetAttribute("alt"));
        Assert.Null(img.GetAttribute("lang"));
    }

    [Fact]
    public void ToHtml_SeveralImages_FirstEagerOthersLazy()
    {
        var second = Photo with { Id = 9 };
        var document = Parse(MarkdownRenderer.ToHtml("![](media:7)\n\nText.\n\n![](media:9)\n\n![](media:7)", Rendering(Ru, Photo, second)));

        var images = document.QuerySelectorAll("img");
        Assert.Equal(3, images.Length);
        Assert.Equal("high", images[0].GetAttribute("fetchpriority"));
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.All(images.Skip(1), i => Assert.Equal("lazy", i.GetAttribute("loading")));
        Assert.All(images.Skip(1), i => Assert.Null(i.GetAttribute("fetchpriority")));
        Assert.Null(images[0].GetAttribute("decoding"));
        Assert.All(images.Skip(1), i => Assert.Equal("async", i.GetAttribute("decoding")));
    }

    [Fact]
    public void ToHtml_ImageInsideText_PictureWithoutFigure()
    {
        var document = Parse(MarkdownRenderer.ToHtml("See ![](media:7) here.", Rendering(Ru, Photo)));

        Assert.Empty(document.QuerySelectorAll("figure"));
        var picture = Assert.Single(document.QuerySelectorAll("p > picture"));
        Assert.Equal("Министры за круглым столом", picture.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("See  here.", document.QuerySelector("p")!.TextContent.Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void ToHtml_TwoImagesOnConsecutiveLines_TwoFigures()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![](media:7)\n![](media:9)", Rendering(Ru, Photo, Photo with { Id = 9 })));

        Assert.Equal(2, document.QuerySelectorAll("body > figure").Length);
        Assert.Empty(document.QuerySelectorAll("p"));
    }

    [Fact]
    public void ToHtml_ImageAloneInListItem_FigureStaysInItem()
    {
        var document = Parse(MarkdownRenderer.ToHtml("- ![](media:7)\n- two", Rendering(Ru, Photo)));

        Assert.NotNull(document.QuerySelector("ul > li > figure"));
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
    }

    [Fact]
    public void ToHtml_FileLinkWithVariantInPageLanguage_LinksVariantWithoutNamingLanguage()
    {
        var document = Parse(MarkdownRenderer.ToHtml("Read [the statement](media:8).", Rendering(En, Statement)));

        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal($"/media/8/{PdfEnSha[..16]}/statement.pdf", link.GetAttribute("href"));
        Assert.Equal("en", link.GetAttribute("hreflang"));
        Assert.Equal("application/pdf", link.GetAttribute("type"));
        Assert.Equal("the statement", link.TextContent);
        Assert.Equal("(PDF, 1,100,000 bytes)", document.QuerySelector(".media-file")!.TextContent);
    }

    [Fact]
    public void ToHtml_FileLinkWithoutVariant_LinksOriginalNamingItsLanguage()
    {
        var document = Parse(MarkdownRenderer.ToHtml("Read [the statement](media:8).", Rendering(De, Statement)));

        var link = document.QuerySelector("a")!;
        Assert.Equal($"/media/8/{PdfRuSha[..16]}/zayavlenie.pdf", link.GetAttribute("href"));
        Assert.Equal("ru", link.GetAttribute("hreflang"));
        var details = document.QuerySelector(".media-file")!;
        Assert.Equal("(PDF, Russian, 1,258,291 bytes)", details.TextContent);
        // The words are English, the page German: they say so.
        Assert.Equal("en", details.GetAttribute("lang"));
    }

    [Fact]
    public void ToHtml_FileLinkLanguageWithoutName_NamedInItselfAndMarked()
    {
        var item = Statement with { Id = 10, OriginalLanguage = De, Files = [Statement.Files[0] with { Language = De }] };
        var document = Parse(MarkdownRenderer.ToHtml("[x](media:10)", Rendering(En, item)));

        var name = document.QuerySelector(".media-file bdi")!;
        Assert.Equal("Deutsch", name.TextContent);
        Assert.Equal("de", name.GetAttribute("lang"));
    }

    [Fact]
    public void ToHtml_FileLinkWithoutText_TitleFromItemMarkedWhenFallenBack()
    {
        var ru = Parse(MarkdownRenderer.ToHtml("[](media:8)", Rendering(Ru, Statement)));
        Assert.Equal("Текст заявления", ru.QuerySelector("a")!.TextContent);
        Assert.Null(ru.QuerySelector("a span"));

        var en = Parse(MarkdownRenderer.ToHtml("[](media:8)", Rendering(En, Statement)));
        var title = en.QuerySelector("a > span")!;
        Assert.Equal("Текст заявления", title.TextContent);
        Assert.Equal("ru", title.GetAttribute("lang"));
    }

    [Fact]
    public void ToHtml_LinkTextWithMarkdown_KeptInOrder()
    {
        var html = MarkdownRenderer.ToHtml("Before [the *signed* text](media:8) after", Rendering(Ru, Statement));
        var document = Parse(html);

        Assert.Equal("the signed text", document.QuerySelector("a")!.TextContent);
        Assert.NotNull(document.QuerySelector("a > em"));
        Assert.StartsWith("Before <a ", html[html.IndexOf("Before", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.EndsWith(" after", document.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_MissingImage_VisiblePlaceholderNoImg()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![](media:99)", Rendering(Ru, Photo)));

        Assert.Empty(document.QuerySelectorAll("img, picture, figure"));
        var placeholder = Assert.Single(document.QuerySelectorAll("p.media-missing"));
        Assert.Equal("[Not found: media:99]", placeholder.TextContent);
    }

    [Fact]
    public void ToHtml_MissingFile_LinkTextThenPlaceholderNoLink()
    {
        var document = Parse(MarkdownRenderer.ToHtml("Read [the statement](media:99).", Rendering(Ru)));

        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Equal("Read the statement [Not found: media:99].", document.QuerySelector("p")!.TextContent);
        Assert.NotNull(document.QuerySelector("p > span.media-missing"));
    }

    [Fact]
    public void ToHtml_WithoutMediaContext_MediaAddressIsText()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![photo](media:7) and [file](media:8)"));

        Assert.Empty(document.QuerySelectorAll("img, a"));
        Assert.Equal("photo and file", document.QuerySelector("p")!.TextContent);
    }

    [Theory]
    [InlineData("![x](media:abc)")]
    [InlineData("![x](media:0)")]
    [InlineData("[x](media:-7)")]
    [InlineData("[x](media:7/../../admin)")]
    public void ToHtml_MalformedMediaAddress_TextOnly(string markdown)
    {
        var document = Parse(MarkdownRenderer.ToHtml(markdown, Rendering(Ru, Photo)));

        Assert.Empty(document.QuerySelectorAll("img, a, figure, [href], [src]"));
        Assert.Equal("x", document.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void ToHtml_HostileTextsAndFileName_StayText()
    {
        var hostile = Photo with
        {
            Id = 11,
            Texts =
            [
                new MediaText(Ru, MediaField.Alt, "\"><script>alert(1)</script>"),
                new MediaText(Ru, MediaField.Caption, "<img src=x onerror=alert(2)>"),
            ],
        };
        var file = Statement with
        {
            Id = 12,
            Files = [new MediaFile(Ru, "a\"b<i>.pdf", "application/pdf\"><script>", 10, PdfRuSha)],
            Texts = [new MediaText(Ru, MediaField.Title, "<b onclick=x>t</b>")],
        };
        var document = Parse(MarkdownRenderer.ToHtml("![](media:11)\n\n[](media:12)", Rendering(Ru, hostile, file)));

        Assert.Empty(document.QuerySelectorAll("script, b, i"));
        Assert.Single(document.QuerySelectorAll("img"));
        Assert.Equal("\"><script>alert(1)</script>", document.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("<img src=x onerror=alert(2)>", document.QuerySelector("figcaption")!.TextContent);
        var link = document.QuerySelector("a")!;
        Assert.Equal("<b onclick=x>t</b>", link.TextContent);
        Assert.Equal("/media/12/0011223344556677/a%22b%3Ci%3E.pdf", link.GetAttribute("href"));
        Assert.Equal("application/pdf\"><script>", link.GetAttribute("type"));
        Assert.All(document.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => Assert.False(a.Name.StartsWith("on", StringComparison.Ordinal), a.Name));
    }

    [Fact]
    public void ToHtml_BaseUrl_EveryMediaAddressAbsolute()
    {
        var rendering = Rendering(En, Photo, Statement) with { BaseUrl = "https://mfa.example" };
        var document = Parse(MarkdownRenderer.ToHtml("![](media:7)\n\n[pdf](media:8)", rendering));

        var urls = document.QuerySelectorAll("[src], [href], [srcset]")
            .SelectMany(e => new[] { e.GetAttribute("src"), e.GetAttribute("href") }.Concat((e.GetAttribute("srcset") ?? "").Split(", ").Select(s => s.Split(' ')[0])))
            .Where(u => !string.IsNullOrEmpty(u))
            .ToList();
        Assert.True(urls.Count >= 14, string.Join(" ", urls));
        Assert.All(urls, u => Assert.StartsWith("https://mfa.example/media/", u, StringComparison.Ordinal));
    }

    [Fact]
    public void ToHtml_SvgAndGif_ServedAsIsWithoutPicture()
    {
        var map = new MediaItem
        {
            Id = 13,
            Kind = MediaKind.Image,
            OriginalLanguage = Ru,
            Files =
            [
                new MediaFile(Ru, "karta.svg", "image/svg+xml", 4000, PhotoSha, 800, 600),
                new MediaFile(En, "map.svg", "image/svg+xml", 4100, PdfEnSha, 800, 600),
            ],
            Texts = [new MediaText(Ru, MediaField.Alt, "Карта")],
        };
        var document = Parse(MarkdownRenderer.ToHtml("![](media:13)", Rendering(En, map)));

        Assert.Empty(document.QuerySelectorAll("picture, source"));
        var img = document.QuerySelector("figure > img")!;
        Assert.Equal($"/media/13/{PdfEnSha[..16]}/map.svg", img.GetAttribute("src"));
        Assert.Null(img.GetAttribute("srcset"));
        Assert.Equal("800", img.GetAttribute("width"));
    }

    [Fact]
    public void ToHtml_SmallImage_OffersItsOwnWidthOnly()
    {
        var small = Photo with { Id = 14, Files = [Photo.Files[0] with { Width = 500, Height = 300 }] };
        var document = Parse(MarkdownRenderer.ToHtml("![](media:14)", Rendering(Ru, small)));

        var img = document.QuerySelector("img")!;
        Assert.Equal($"/media/14/{PhotoSha[..16]}-w320.jpg 320w, /media/14/{PhotoSha[..16]}-w500.jpg 500w", img.GetAttribute("srcset"));
        Assert.Equal($"/media/14/{PhotoSha[..16]}-w500.jpg", img.GetAttribute("src"));
    }

    [Fact]
    public void ToHtml_FilePlacedAsImage_LinkedNotShown()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![](media:8)", Rendering(Ru, Statement)));

        Assert.Empty(document.QuerySelectorAll("img, figure"));
        Assert.Equal("Текст заявления", document.QuerySelector("p > a")!.TextContent);
    }

    [Fact]
    public void ToHtml_ReferenceStyleMediaImage_Rendered()
    {
        var document = Parse(MarkdownRenderer.ToHtml("![][photo]\n\n[photo]: media:7", Rendering(En, Photo)));

        Assert.Equal("Ministers at a round table", document.QuerySelector("figure img")!.GetAttribute("alt"));
    }

    [Fact]
    public void ToHtml_UnsafeLinkInsideMediaLinkText_StillUnwrapped()
    {
        var document = Parse(MarkdownRenderer.ToHtml("[a [b](javascript:alert(1))](media:8)", Rendering(Ru, Statement)));

        Assert.All(document.QuerySelectorAll("a"), a => Assert.StartsWith("/media/8/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    // A paragraph of thousands of images is looked at once, not once per image: time and bytes grow with the body.
    [Fact]
    public void ToHtml_ManyMediaImagesInOneParagraph_TimeGrowsLinearly() =>
        Hexapla.Tests.Fuzzing.Fuzz.GrowsLinearly(
            n => string.Concat(Enumerable.Repeat("![](media:7) ![](media:99) ", n)) + "end",
            markdown => MarkdownRenderer.ToHtml(markdown, Rendering(Ru, Photo)), 500, "media images in one paragraph");

    [Fact]
    public void References_SameIdsTheRendererRenders()
    {
        const string markdown = "![](media:7)\n\n`media:9` [x](media:8) ![][r]\n\n[r]: media:10";

        Assert.Equal([7L, 8L, 10L], MediaReferences.In(markdown));
    }

    /// <summary>Words of a page in English, plain enough to assert on.</summary>
    private sealed class EnglishWords : IMediaWords
    {
        public LanguageTag Language { get; } = LanguageTag.Parse("en");

        public string ListSeparator => ", ";

        public string DetailsPattern => "({0})";

        public string FileKind(string contentType) => contentType == "application/pdf" ? "PDF" : "File";

        public string? LanguageName(LanguageTag language) => language.Language switch
        {
            "ru" => "Russian",
            "en" => "English",
            _ => null,
        };

        public string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

        public string Missing(string reference) => $"[Not found: {reference}]";
    }
}
