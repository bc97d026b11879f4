using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;

namespace Hexapla.Tests.Infrastructure;

/// <summary>Review by a second person, for tests that publish but are not about review.</summary>
internal static class Review
{
    /// <summary>A reviewer who wrote nothing, so may approve anyone's text.</summary>
    public static readonly User SecondReader = new(900, "second-reader", Role.Reviewer, [], false, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Submits the text under work (when a draft) as <paramref name="editor"/>, has <see cref="SecondReader"/> approve it,
    /// then publishes it as <paramref name="editor"/>: the path every text takes to go live.
    /// </summary>
    public static async Task<LanguageVersion> PublishReviewedAsync(
        this Newsroom newsroom, User editor, string slug, LanguageTag language, DateTimeOffset? at = null)
    {
        var work = (await newsroom.GetVersionAsync(editor, slug, language))?.Work;
        if (work?.State == VersionState.Draft)
        {
            await newsroom.SubmitAsync(editor, slug, language);
        }

        if (work?.State is VersionState.Draft or VersionState.InReview)
        {
            await newsroom.ApproveAsync(SecondReader, slug, language);
        }

        return await newsroom.PublishAsync(editor, slug, language, at);
    }
}
