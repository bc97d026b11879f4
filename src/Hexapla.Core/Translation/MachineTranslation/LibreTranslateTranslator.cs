using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hexapla.Languages;

namespace Hexapla.Translation.MachineTranslation;

/// <summary>
/// Machine translation by a LibreTranslate server: <c>POST {Url}/translate</c> with
/// <c>{"q": [...], "source", "target", "format": "text", "api_key"}</c>, answered by <c>{"translatedText": [...]}</c>.
/// </summary>
/// <remarks>
/// Language tags become LibreTranslate's codes: the bare language (<c>en-GB</c> → <c>en</c>, <c>zh-CN</c> → <c>zh</c>),
/// with traditional Chinese (<c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>) as <c>zt</c>. Every failure — unreachable, no
/// answer within <see cref="MachineTranslationOptions.Timeout"/>, an HTTP error, an answer that is not one translation
/// per text — is a <see cref="MachineTranslationException"/> naming the service.
/// </remarks>
public sealed class LibreTranslateTranslator : IMachineTranslator
{
    private readonly HttpClient _http;
    private readonly MachineTranslationOptions _options;
    private readonly Uri _endpoint;

    /// <summary>A client of the server in <paramref name="options"/>, sending through <paramref name="http"/>.</summary>
    /// <exception cref="ArgumentException">The options name no absolute http or https URL.</exception>
    public LibreTranslateTranslator(HttpClient http, MachineTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Url?.Trim(), UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{MachineTranslationOptions.Section}:Url \"{options.Url}\" is not an http or https address.", nameof(options));
        }

        _http = http;
        _options = options;
        _endpoint = new Uri(root.AbsoluteUri.TrimEnd('/') + "/translate");
        Name = $"LibreTranslate at {root.GetLeftPart(UriPartial.Authority)}";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>LibreTranslate's code for <paramref name="tag"/>.</summary>
    public static string CodeOf(LanguageTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Language == "zh" && (tag.Script == "Hant" || tag.Region is "TW" or "HK" or "MO"))
        {
            return "zt";
        }

        return tag.Language;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> texts, LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (texts.Count == 0)
        {
            return [];
        }

        var request = new Dictionary<string, object?>
        {
            ["q"] = texts,
            ["source"] = CodeOf(source),
            ["target"] = CodeOf(target),
            ["format"] = "text",
        };
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request["api_key"] = _options.ApiKey;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.PostAsJsonAsync(_endpoint, request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new MachineTranslationException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name} refused the translation from {source} to {target}: HTTP {(int)response.StatusCode}{ErrorOf(body)}."));
            }

            return Read(body, texts.Count);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MachineTranslationException(string.Create(CultureInfo.InvariantCulture,
                $"{Name} did not answer within {_options.Timeout.TotalSeconds:0.#} seconds."));
        }
        catch (HttpRequestException failure)
        {
            throw new MachineTranslationException($"{Name} could not be reached: {failure.Message}", failure);
        }
    }

    private List<string> Read(string body, int expected)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("translatedText", out var translated))
            {
                List<string> result = translated.ValueKind switch
                {
                    JsonValueKind.Array => [.. translated.EnumerateArray().Select(t => t.GetString() ?? string.Empty)],
                    JsonValueKind.String => [translated.GetString() ?? string.Empty],
                    _ => [],
                };
                if (result.Count == expected)
                {
                    return result;
                }

                throw new MachineTranslationException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name} answered {result.Count} translation(s) for {expected} text(s)."));
            }
        }
        catch (JsonException)
        {
            // Reported below with the service's name.
        }
        catch (InvalidOperationException)
        {
            // A translatedText array holding something other than strings.
        }

        throw new MachineTranslationException($"{Name} answered something that is not a LibreTranslate translation.");
    }

    private static string ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var text = error.GetString() ?? string.Empty;
                return $" ({(text.Length > 200 ? text[..200] + "…" : text)})";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status alone says enough.
        }

        return string.Empty;
    }
}
