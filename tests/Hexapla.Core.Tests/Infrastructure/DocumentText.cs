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
        text.AppendLine(CultureInfo.InvariantCulture, $"created={Utc(document.CreatedAt)} updated={Utc(document.UpdatedAt)}");
        foreach (var v in document.Versions)
        {
            Version(v, "");
            if (v.Working is { } work)
            {
                Version(work, "  working ");
            }
        }

        return text.ToString();

        void Version(LanguageVersion v, string indent)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{indent}[{v.Language}] {v.State} published={Utc(v.PublishedAt)} rev={v.Revision} last={v.LastRevision} source={v.SourceRevision} updated={Utc(v.UpdatedAt)}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{indent}  by={v.Author} note={v.Note} approved={v.ApprovedBy} rejected={v.Rejection} corrected={Utc(v.CorrectedAt)} correction={v.CorrectionNote}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  title={v.Title} summary={v.Summary ?? "(null)"}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  body={v.Body}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  segments={string.Join('|', v.Segments)} links={string.Join('|', v.Links)}");
        }
    }

    // The instant only: the store keeps times in UTC, so the offset they were given in is not part of the value.
    private static string Utc(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "(null)";
}
