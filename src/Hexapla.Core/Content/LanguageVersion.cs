using Hexapla.Languages;

namespace Hexapla.Content;

/// <summary>The state of a language version in the publishing workflow.</summary>
public enum VersionState
{
    /// <summary>Being written or translated; never shown to readers.</summary>
    Draft,

    /// <summary>Submitted for review; never shown to readers.</summary>
    InReview,

    /// <summary>Approved by a reviewer, waiting to be published; never shown to readers.</summary>
    Approved,

    /// <summary>Public from <see cref="LanguageVersion.PublishedAt"/> on (an embargo until then).</summary>
    Published,

    /// <summary>Was published and has been withdrawn; never shown to readers.</summary>
    Unpublished,
}

/// <summary>How version states are written in the store and the API.</summary>
public static class VersionStates
{
    /// <summary>The snake_case name: <c>draft</c>, <c>in_review</c>, <c>approved</c>, <c>published</c>, <c>unpublished</c>.</summary>
    public static string Name(this VersionState state) => state switch
    {
        VersionState.Draft => "draft",
        VersionState.InReview => "in_review",
        VersionState.Approved => "approved",
        VersionState.Published => "published",
        VersionState.Unpublished => "unpublished",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown version state."),
    };

    /// <summary>The state named <paramref name="name"/>; false for an unknown name.</summary>
    public static bool TryParse(string? name, out VersionState state)
    {
        foreach (var candidate in Enum.GetValues<VersionState>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}

/// <summary>One language version of a <see cref="Document"/>.</summary>
/// <remarks>
/// A published version whose <see cref="PublishedAt"/> lies in the future is not public yet (an embargo):
/// use <see cref="IsPublicAt"/>, never <see cref="State"/> alone, to decide what a reader may see.
/// </remarks>
public sealed record LanguageVersion
{
    /// <summary>The language of this version.</summary>
    public required LanguageTag Language { get; init; }

    /// <summary>The title, plain text.</summary>
    public required string Title { get; init; }

    /// <summary>An optional one-paragraph summary, plain text.</summary>
    public string? Summary { get; init; }

    /// <summary>The body in Markdown; its paragraphs are the units translation works on.</summary>
    public required string Body { get; init; }

    /// <summary>
    /// The values of the document kind's translatable fields in this language (<see cref="Sections.FieldType.Text"/>), by
    /// field key. They are part of the text: a change makes a new revision, goes through the working copy and review like
    /// the title, and readers get the live revision's values only.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = Document.EmptyFields;

    /// <summary>Where the version stands in the workflow (see <see cref="VersionState"/>); for a working copy, draft, in review or approved.</summary>
    public VersionState State { get; init; } = VersionState.Published;

    /// <summary>When the version became (or becomes) public; null for a draft never published.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Starts at 1 and grows by one with every change of title, summary, body or translatable field values.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>
    /// For a translation, the revision of the original it was made from; null for the original itself
    /// and for a translation stored before its original.
    /// </summary>
    public int? SourceRevision { get; init; }

    /// <summary>When this version last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The body's segments with their stable ids, in order (see <see cref="Translation.Segmentation"/>).</summary>
    public IReadOnlyList<Translation.SegmentRef> Segments { get; init; } = [];

    /// <summary>For a translation, what each of its segments translates; empty for an original.</summary>
    public IReadOnlyList<Translation.SegmentLink> Links { get; init; } = [];

    /// <summary>
    /// The working copy over a version that has been live (published, also under embargo, or unpublished): the text
    /// being corrected or translated while readers keep <see cref="Title"/>, <see cref="Body"/> and the rest. Its
    /// <see cref="State"/> is draft, in review or approved, its <see cref="Revision"/> is above this one's, and it never
    /// has a working copy itself. Null when nobody is working on the version, and always null for a version never live:
    /// that one is its own working text (see <see cref="Work"/>).
    /// </summary>
    public LanguageVersion? Working { get; init; }

    /// <summary>Who wrote this revision's text (its first save); null for text from an import or from before accounts.</summary>
    public string? Author { get; init; }

    /// <summary>What changed in this revision, as its author said when saving; null when nothing was said.</summary>
    public string? Note { get; init; }

    /// <summary>For a text in review that was approved: who approved it. Cleared when the text changes.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Why the text was last sent back to its writers; cleared when it is saved or submitted again.</summary>
    public string? Rejection { get; init; }

    /// <summary>
    /// When the live text last changed after the version was first public (a correction or an update released over
    /// it); null when readers still have the text first published.
    /// </summary>
    public DateTimeOffset? CorrectedAt { get; init; }

    /// <summary>The note shown to readers with the last correction (<see cref="CorrectedAt"/>); null for none.</summary>
    public string? CorrectionNote { get; init; }

    /// <summary>
    /// The highest revision number the version's history holds (a discarded working copy's too); new text takes the next.
    /// Never below the newest text's revision, whatever was set.
    /// </summary>
    public int LastRevision { get => Math.Max(field, Latest.Revision); init; }

    /// <summary>True for a version that has been live: published (also under embargo) or withdrawn. Its text changes only through a working copy.</summary>
    public bool HasBeenLive => State is VersionState.Published or VersionState.Unpublished;

    /// <summary>
    /// The text people are working on: the <see cref="Working"/> copy over a version that has been live, the version
    /// itself while it was never live, or null for a live version nobody is working on.
    /// </summary>
    public LanguageVersion? Work => Working ?? (HasBeenLive ? null : this);

    /// <summary>The newest text of the version, whoever may read it: the working copy when there is one, else this.</summary>
    public LanguageVersion Latest => Working ?? this;

    /// <summary>True when a reader may see this version at <paramref name="now"/>.</summary>
    public bool IsPublicAt(DateTimeOffset now) =>
        State == VersionState.Published && PublishedAt is { } at && at <= now;
}
