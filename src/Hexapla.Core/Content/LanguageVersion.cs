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

    /// <summary>Draft or published.</summary>
    public VersionState State { get; init; } = VersionState.Published;

    /// <summary>When the version became (or becomes) public; null for a draft never published.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Starts at 1 and grows by one with every change of title, summary or body.</summary>
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

    /// <summary>True when a reader may see this version at <paramref name="now"/>.</summary>
    public bool IsPublicAt(DateTimeOffset now) =>
        State == VersionState.Published && PublishedAt is { } at && at <= now;
}
