namespace Hexapla.Api;

/// <summary>The OpenAPI description of the API, written by hand next to the endpoints and served as it is.</summary>
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
