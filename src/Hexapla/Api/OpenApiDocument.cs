namespace Hexapla.Api;

/// <summary>
/// The OpenAPI 3.1 description of the API, written by hand next to the endpoints and served as it is. The endpoints
/// answer through shared problem helpers rather than typed results, so nothing could generate it faithfully; instead
/// OpenApiTests hold it to the server: every route under /api is described and nothing else, and a request of every
/// kind to every operation gets an answer whose status, content type, required headers and body (validated by the
/// declared JSON Schema, objects closed) the document declares. Change an answer and the document together.
/// </summary>
internal static class OpenApiDocument
{
    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("Hexapla.Api.openapi.json")!;
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        app.MapGet("/api/openapi.json", () => Results.Text(json, "application/json; charset=utf-8"));
        return app;
    }
}
