using Hexapla.Languages;

namespace Hexapla.Translation.MachineTranslation;

/// <summary>A machine-translation provider. Its output is a draft for a person to check, never published as it is.</summary>
public interface IMachineTranslator
{
    /// <summary>A name for messages and the audit log, such as "LibreTranslate at https://mt.example".</summary>
    string Name { get; }

    /// <summary>Translates <paramref name="texts"/> from <paramref name="source"/> to <paramref name="target"/>.</summary>
    /// <returns>One translation per text, in the same order; an empty list for no texts.</returns>
    /// <exception cref="MachineTranslationException">The service could not be reached, timed out, refused the request or
    /// answered with something other than one translation per text; the message names the service.</exception>
    Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> texts, LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default);
}

/// <summary>A machine-translation service failed; the message names the service and says what went wrong.</summary>
public sealed class MachineTranslationException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public MachineTranslationException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public MachineTranslationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A failure with a generic message.</summary>
    public MachineTranslationException()
        : base("The machine translation service failed.")
    {
    }
}

/// <summary>Settings of the section <c>Hexapla:MachineTranslation</c>; machine translation is off while <see cref="Url"/> is empty.</summary>
public sealed class MachineTranslationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hexapla:MachineTranslation";

    /// <summary>The base address of a LibreTranslate server, such as <c>http://127.0.0.1:5000</c>; empty for no machine translation.</summary>
    public string? Url { get; set; }

    /// <summary>The API key, when the server wants one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take before it counts as failed; 10 seconds unless set.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when a service is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
