using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Editorial;

/// <summary>Why a version waits for someone.</summary>
public enum WorkKind
{
    /// <summary>A translation with paragraphs outdated or missing against the original's newest text, or an expected one not started.</summary>
    Translate,

    /// <summary>Text the user wrote that was sent back with a reason.</summary>
    Revise,

    /// <summary>Text in review written by someone else.</summary>
    Review,

    /// <summary>Approved text, waiting to go live.</summary>
    Publish,
}

/// <summary>One version that waits for the user.</summary>
/// <param name="Kind">What it waits for.</param>
/// <param name="Slug">The document.</param>
/// <param name="Language">The version's language.</param>
/// <param name="Title">The newest title the user may read (the original's for a translation not started).</param>
/// <param name="Revision">The revision of the text under work, or of the live text for a translation to bring up to date; null when not started.</param>
/// <param name="Author">Who wrote that revision, when known.</param>
/// <param name="UpdatedAt">When it last changed; for a translation not started, when the original did.</param>
/// <param name="Detail">What to say beside it: the rejection's reason, or the paragraphs to translate.</param>
public sealed record WorkItem(
    WorkKind Kind, string Slug, LanguageTag Language, string Title, int? Revision, string? Author, DateTimeOffset UpdatedAt, string? Detail);

/// <summary>
/// What waits for one user ("my work"): translations to make or bring up to date in the languages they may write,
/// their texts sent back, others' texts to review (reviewers, editors, admins), approved texts to publish (editors,
/// admins). Only versions the user may read take part.
/// </summary>
public static class WorkList
{
    /// <summary>
    /// The work waiting for <paramref name="user"/> in <paramref name="documents"/> (read with their working copies),
    /// oldest change first within each kind. A disabled user has none.
    /// </summary>
    /// <remarks>
    /// A translation is judged by its newest text (its working copy when there is one): a paragraph answered in a working
    /// copy no longer waits for the translator, though readers keep the outdated live paragraph until that copy is
    /// published. A language counts as missing only when the document expects it (<see cref="Document.ExpectedLanguages"/>);
    /// a translation of an original with no text yet is not asked for.
    /// </remarks>
    public static IReadOnlyList<WorkItem> For(User user, IEnumerable<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(documents);
        if (user.Disabled)
        {
            return [];
        }

        var items = new List<WorkItem>();
        foreach (var document in documents)
        {
            var scope = user.ReadScope();
            foreach (var version in document.Versions.Where(v => scope.Allows(document.OriginalLanguage, v.Language)))
            {
                if (version.Work is not { } work)
                {
                    continue;
                }

                var mine = work.Author is { } author && string.Equals(author, user.Name, StringComparison.OrdinalIgnoreCase);
                if (work.State == VersionState.Draft && work.Rejection is { } reason && mine)
                {
                    items.Add(Item(WorkKind.Revise, document, work, reason));
                }
                else if (work.State == VersionState.InReview && user.CanApprove() && !mine)
                {
                    items.Add(Item(WorkKind.Review, document, work, null));
                }
                else if (work.State == VersionState.Approved && user.CanPublish())
                {
                    items.Add(Item(WorkKind.Publish, document, work, work.ApprovedBy is { } by ? $"approved by {by}" : null));
                }
            }

            items.AddRange(ToTranslate(user, document));
        }

        return [.. items.OrderBy(i => i.Kind).ThenBy(i => i.UpdatedAt).ThenBy(i => i.Slug, StringComparer.Ordinal).ThenBy(i => i.Language)];
    }

    private static IEnumerable<WorkItem> ToTranslate(User user, Document document)
    {
        if (document.Version(document.OriginalLanguage)?.Latest is not { Segments.Count: > 0 } original)
        {
            yield break;
        }

        var languages = document.Versions.Select(v => v.Language).Concat(document.ExpectedLanguages)
            .Where(l => l != document.OriginalLanguage && user.CanEdit(document.OriginalLanguage, l))
            .Distinct()
            .Order();
        foreach (var language in languages)
        {
            var version = document.Version(language);
            // The translation's newest text answers for it here: what the translator did in a working copy is done.
            var newest = version is null ? document : document with { Versions = [.. document.Versions.Select(v => v == version ? v.Latest with { Working = null } : v)] };
            var status = TranslationStatus.Of(newest, language);
            if (version is null)
            {
                yield return new WorkItem(WorkKind.Translate, document.Slug, language, original.Title, null, null, original.UpdatedAt,
                    $"not started: {status.Total} paragraph{(status.Total == 1 ? "" : "s")} to translate");
                continue;
            }

            var needs = status.Outdated.Count + status.Missing.Count;
            if (needs == 0)
            {
                continue;
            }

            var latest = version.Latest;
            var parts = new List<string>();
            if (status.Outdated.Count > 0)
            {
                parts.Add($"{status.Outdated.Count} outdated ({string.Join(", ", status.Outdated)})");
            }

            if (status.Missing.Count > 0)
            {
                parts.Add($"{status.Missing.Count} missing");
            }

            yield return new WorkItem(WorkKind.Translate, document.Slug, language, latest.Title, latest.Revision, latest.Author, latest.UpdatedAt,
                $"{string.Join(", ", parts)} of {status.Total} paragraphs");
        }
    }

    private static WorkItem Item(WorkKind kind, Document document, LanguageVersion work, string? detail) =>
        new(kind, document.Slug, work.Language, work.Title, work.Revision, work.Author, work.UpdatedAt, detail);
}
