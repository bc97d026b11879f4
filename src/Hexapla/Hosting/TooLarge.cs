using Hexapla.Admin;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hexapla.Hosting;

/// <summary>
/// Request bodies over a limit: Kestrel stops reading at <see cref="Limits.RequestBodyBytes"/> (at
/// <see cref="Limits.UploadBytes"/> on the endpoints that take files), and the error handler turns the failure into a
/// 413 that names the limit and the size: problem details from the API, a page from the admin.
/// </summary>
internal static class TooLarge
{
    private const string UploadKey = "Hexapla.Upload";

    /// <summary>
    /// Endpoint metadata: this endpoint takes interchange files (XLIFF, glossaries), up to the smaller of
    /// <see cref="Limits.InterchangeUploadBytes"/> and <see cref="Limits.UploadBytes"/>.
    /// </summary>
    public static readonly UploadEndpoint Upload = new(Media: false);

    /// <summary>Endpoint metadata: this endpoint takes media files, up to <see cref="Limits.UploadBytes"/>.</summary>
    public static readonly UploadEndpoint MediaUpload = new(Media: true);

    /// <summary>
    /// On an endpoint marked with <see cref="Upload"/>, lets the body be as large as <see cref="Limits.UploadBytes"/>.
    /// Runs before anything reads the body (the antiforgery check reads the form).
    /// </summary>
    public static void AllowUpload(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<UploadEndpoint>() is { } upload
            && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            var limit = LimitOf(upload, http.RequestServices.GetRequiredService<IOptions<Limits>>().Value);
            feature.MaxRequestBodySize = limit.Bytes;
            http.Items[UploadKey] = limit;
        }
    }

    /// <summary>True when <paramref name="failure"/> is, or wraps, Kestrel refusing a body over the limit.</summary>
    /// <remarks>The antiforgery check wraps it, as the reason it could not read the form.</remarks>
    public static bool Is(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sentence that says what was too large and what the limit is.</summary>
    public static string Describe(HttpContext http)
    {
        var limits = http.RequestServices.GetRequiredService<IOptions<Limits>>().Value;
        var upload = http.Items.TryGetValue(UploadKey, out var allowed) && allowed is ValueTuple<string, long>;
        var (name, limit) = allowed is ValueTuple<string, long> uploadLimit ? uploadLimit : ("RequestBodyBytes", limits.RequestBodyBytes);
        var size = http.Request.ContentLength is { } length ? $"{(upload ? "The upload" : "The request")} is {Limits.Size(length)}" : $"{(upload ? "The upload" : "The request")} is larger than that";
        return $"{size}; the limit (Hexapla:Limits:{name}) is {Limits.Size(limit)}.";
    }

    /// <summary>The limit of an upload endpoint: its setting's name and its bytes.</summary>
    public static (string Name, long Bytes) LimitOf(UploadEndpoint upload, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(limits);
        return upload.Media || limits.UploadBytes <= limits.InterchangeUploadBytes
            ? ("UploadBytes", limits.UploadBytes)
            : ("InterchangeUploadBytes", limits.InterchangeUploadBytes);
    }

    /// <summary>Writes the 413: problem details under <c>/api</c>, else a page saying nothing was changed.</summary>
    public static Task WriteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return http.Request.Path.StartsWithSegments("/api")
            ? Results.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: Describe(http)).ExecuteAsync(http)
            : AdminUi.Message(http, StatusCodes.Status413PayloadTooLarge, $"{Describe(http)} Nothing was changed.", null).ExecuteAsync(http);
    }
}

/// <summary>Marks an endpoint that takes file uploads: media (<see cref="TooLarge.MediaUpload"/>) or interchange files (<see cref="TooLarge.Upload"/>).</summary>
internal sealed record UploadEndpoint(bool Media);
