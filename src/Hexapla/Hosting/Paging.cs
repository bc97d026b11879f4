using System.Globalization;

namespace Hexapla.Hosting;

/// <summary>
/// The page a paged list is asked for with <c>?page=</c>: one reading for the site, the admin and the API. A value
/// that is not a whole number from 1 to the list's last possible page is not a page: the site and the admin answer
/// with their 404 page, the API with a 400 naming the parameter.
/// </summary>
internal static class Paging
{
    /// <summary>
    /// The highest page any list answers. With at most 200 items a page (the largest <c>PageSize</c> the settings
    /// allow), the offset it asks of the store, (page − 1) × size, stays far inside an <see cref="int"/>.
    /// </summary>
    public const int MaxPage = 100_000;

    /// <summary>1 when the query names no page; the page when it is a whole number from 1 to <paramref name="max"/>; else null.</summary>
    public static int? Requested(HttpRequest request, int max = MaxPage)
    {
        var text = request.Query["page"].ToString();
        if (text.Length == 0)
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 && page <= max ? page : null;
    }

    /// <summary>The sentence that says why <c>?page=</c> was refused.</summary>
    public static string Problem(HttpRequest request, int max = MaxPage) =>
        $"\"{request.Query["page"]}\" is not a page number: use a whole number from 1 to {max.ToString("N0", CultureInfo.InvariantCulture)}.";
}
