using System.Globalization;
using System.Text;
using Hexapla.Content;

namespace Hexapla.Tests.Infrastructure;

/// <summary>Every field of a document as text, so two documents compare field by field in one assertion.</summary>
internal static class DocumentText
{
    public static string Describe(Document? document)
    {
        if (document is null)
        {
            return "(none)";
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{document.Id} {document.Slug} original={document.OriginalLanguage}");
        text.AppendLine(CultureInfo.InvariantCulture, $"tags=[{string.Join('|', document.Tags)}] expected=[{string.Join('|', document.ExpectedLanguages)}]");
        text.AppendLine(CultureInfo.InvariantCulture, $"created={document.CreatedAt:O} updated={document.UpdatedAt:O}");
        foreach (var v in document.Versions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"[{v.Language}] {v.State} published={v.PublishedAt:O} rev={v.Revision} source={v.SourceRevision} updated={v.UpdatedAt:O}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  title={v.Title} summary={v.Summary ?? "(null)"}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  body={v.Body}");
        }

        return text.ToString();
    }
}
