using System.Text.Json;
using Hexapla.Languages;
using Hexapla.Translation.MachineTranslation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Translation;

/// <summary>The LibreTranslate client against a small server on 127.0.0.1 that answers like LibreTranslate.</summary>
public sealed class LibreTranslateTranslatorTests
{
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    private static async Task<(WebApplication App, string Url)> StartAsync(RequestDelegate translate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/translate", translate);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, url);
    }

    [Fact]
    public async Task Translate_ArrayOfTexts_SendsLibreTranslateRequestAndReadsAnswer()
    {
        JsonElement? seen = null;
        var (app, url) = await StartAsync(async http =>
        {
            using var json = await JsonDocument.ParseAsync(http.Request.Body);
            seen = json.RootElement.Clone();
            var q = json.RootElement.GetProperty("q").EnumerateArray().Select(t => "EN:" + t.GetString()).ToList();
            await http.Response.WriteAsJsonAsync(new { translatedText = q });
        });
        await using var _ = app;
        using var client = new HttpClient();
        var translator = new LibreTranslateTranslator(client, new MachineTranslationOptions { Url = url, ApiKey = "k1" });

        var result = await translator.TranslateAsync(["Привет.", "Мир."], Ru, En);

        Assert.Equal(["EN:Привет.", "EN:Мир."], result);
        Assert.Equal("ru", seen!.Value.GetProperty("source").GetString());
        Assert.Equal("en", seen.Value.GetProperty("target").GetString());
        Assert.Equal("text", seen.Value.GetProperty("format").GetString());
        Assert.Equal("k1", seen.Value.GetProperty("api_key").GetString());
        Assert.Equal("zh", LibreTranslateTranslator.CodeOf(LanguageTag.Parse("zh-CN")));
        Assert.Equal("zt", LibreTranslateTranslator.CodeOf(LanguageTag.Parse("zh-TW")));
    }

    [Fact]
    public async Task Translate_ServerError_ThrowsMessageNamingTheService()
    {
        var (app, url) = await StartAsync(async http =>
        {
            http.Response.StatusCode = 500;
            await http.Response.WriteAsJsonAsync(new { error = "model not loaded" });
        });
        await using var _ = app;
        using var client = new HttpClient();
        var translator = new LibreTranslateTranslator(client, new MachineTranslationOptions { Url = url });

        var failure = await Assert.ThrowsAsync<MachineTranslationException>(() => translator.TranslateAsync(["Привет."], Ru, En));

        Assert.Contains("LibreTranslate at http://127.0.0.1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500 (model not loaded)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_NoAnswerInTime_ThrowsTimeoutNamingTheService()
    {
        var (app, url) = await StartAsync(async http => await Task.Delay(TimeSpan.FromSeconds(20), http.RequestAborted));
        await using var _ = app;
        using var client = new HttpClient();
        var translator = new LibreTranslateTranslator(client, new MachineTranslationOptions { Url = url, Timeout = TimeSpan.FromMilliseconds(300) });

        var failure = await Assert.ThrowsAsync<MachineTranslationException>(() => translator.TranslateAsync(["Привет."], Ru, En));

        Assert.Contains("did not answer within", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LibreTranslate", failure.Message, StringComparison.Ordinal);
    }
}
