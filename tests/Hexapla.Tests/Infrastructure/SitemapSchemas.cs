using System.Xml;
using System.Xml.Schema;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// Validates sitemaps against the sitemaps.org schemas kept in <c>Fixtures/Standards</c> (<c>sitemap.xsd</c> for a
/// <c>urlset</c>, <c>siteindex.xsd</c> for a <c>sitemapindex</c>), with the declaration of the <c>xhtml:link</c>
/// alternates from <c>Fixtures/Sitemaps/xhtml-link.xsd</c>, which the sitemap schema's strict wildcard requires.
/// </summary>
public static class SitemapSchemas
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every problem the schemas find in <paramref name="xml"/>, each with its line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"line {e.Exception.LineNumber}: {e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    /// <summary>Fails, listing the problems, unless <paramref name="xml"/> (named <paramref name="name"/> in the message) is valid.</summary>
    public static void AssertValid(string xml, string name)
    {
        var problems = Problems(xml);
        Assert.True(problems.Count == 0, $"{name} does not validate:\n{string.Join('\n', problems)}");
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in new[] { "Standards/sitemap.xsd", "Standards/siteindex.xsd", "Sitemaps/xhtml-link.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "Fixtures", file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }
}
