using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Editorial;

public sealed partial class Newsroom
{
    /// <summary>
    /// Saves a version whose stored title, summary or body breaks the entrance rule (text stored before it: see
    /// <see cref="EnteringText.NeedsRepair"/>) again with <see cref="EnteringText.Repair"/> applied: a new revision in
    /// the same state, audited as <c>version.repair-text</c>, the old text kept in the history. What <c>hexapla check
    /// --repair</c> does (editors and admins).
    /// </summary>
    /// <remarks>
    /// The state is kept, unlike a person's save (an approved version stays approved): the repair changes no word a
    /// reader saw, only characters no browser draws and line breaks. Segments that kept their text keep their ids and
    /// links, as with any save. A title left empty by the repair becomes the slug.
    /// </remarks>
    /// <returns>The version as stored, or null when it needed no repair.</returns>
    /// <exception cref="EditorialException">NotFound for no such version; Forbidden for anyone but editors and admins.</exception>
    public async Task<LanguageVersion?> RepairTextAsync(User actor, string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        var (document, current) = await LoadAsync(actor, slug, language, cancellationToken);
        Require(actor, actor.CanPublish() && actor.CanEdit(document.OriginalLanguage, language), $"repair the text of the {language} version of \"{slug}\"");
        if (new[] { current, current.Working }.All(t => t is null || !EnteringText.NeedsRepair(t.Title) && !EnteringText.NeedsRepair(t.Body) && !EnteringText.NeedsRepair(t.Summary)))
        {
            return null;
        }

        var now = Now();
        var original = language == document.OriginalLanguage ? null : document.Version(document.OriginalLanguage)?.Latest;
        // The live text gets the next revision number, and a working copy over it (repaired too) the one after, since a
        // working copy's number is always above the live one's.
        var next = Repaired(current, current.LastRevision + 1) with { Working = null };
        if (current.Working is { } work)
        {
            var repaired = Repaired(work, next.Revision + 1);
            next = next with { Working = repaired, LastRevision = repaired.Revision };
        }

        LanguageVersion Repaired(LanguageVersion text, int revision)
        {
            var title = EnteringText.Repair(text.Title).Trim();
            var summary = text.Summary is null ? null : EnteringText.Repair(text.Summary).Trim();
            var fixedText = Segmentation.WithSegments(text with
            {
                Title = title.Length == 0 ? slug : title,
                Summary = string.IsNullOrEmpty(summary) ? null : summary,
                Body = EnteringText.Repair(text.Body),
                Revision = revision,
                LastRevision = revision,
                UpdatedAt = text == current ? current.UpdatedAt : now,
                Author = actor.Name,
                Note = "Characters no output can carry removed, line breaks normalised.",
            }, text);
            return original is null ? fixedText : Segmentation.WithLinks(fixedText, text, Segmentation.WithSegments(original, original));
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"revision {next.Revision}: characters no output can carry removed, line breaks normalised");
        return await WriteAsync(actor, slug, current, next, "version.repair-text", detail, now, cancellationToken);
    }
}
