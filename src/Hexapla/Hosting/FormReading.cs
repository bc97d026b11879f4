using Hexapla.Admin;

namespace Hexapla.Hosting;

/// <summary>
/// A form body is read once, before anything looks at it (the antiforgery check, an endpoint), so that a form the
/// framework cannot read — more fields than <c>FormOptions.ValueCountLimit</c>, a key or value over its limits, a
/// multipart body cut short or without its boundary — is a 400 that says so, never an exception in whatever read it
/// first. A body over the size limit is left to <see cref="TooLarge"/>, which answers 413.
/// </summary>
internal static class FormReading
{
    public static WebApplication UseFormReading(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            // The media API reads its uploads itself, as they arrive and after the token is checked (Api/MediaApi.cs).
            if (HasBody(http.Request) && http.Request.HasFormContentType && !ReadsItsOwnBody(http))
            {
                TooLarge.AllowUpload(http);
                string? problem = null;
                try
                {
                    await http.Request.ReadFormAsync(http.RequestAborted);
                }
                catch (InvalidDataException failure)
                {
                    problem = failure.Message;
                }
                catch (IOException failure) when (!TooLarge.Is(failure) && !http.RequestAborted.IsCancellationRequested)
                {
                    problem = "The body ended before the form it announced did.";
                }

                if (problem is not null)
                {
                    await RefuseAsync(http, problem);
                    return;
                }
            }

            await next(http);
        });
        return app;
    }

    private static bool ReadsItsOwnBody(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") && http.GetEndpoint()?.Metadata.GetMetadata<UploadEndpoint>() is { Media: true };

    private static bool HasBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);

    private static Task RefuseAsync(HttpContext http, string problem)
    {
        var detail = $"The form could not be read: {problem} Nothing was changed.";
        return http.Request.Path.StartsWithSegments("/api")
            ? Results.Problem(title: "Bad request", statusCode: StatusCodes.Status400BadRequest, detail: detail).ExecuteAsync(http)
            : AdminUi.Message(http, StatusCodes.Status400BadRequest, detail, null).ExecuteAsync(http);
    }
}
