namespace Hexapla.Languages;

/// <content>Well-formedness, registration and canonical form; suggestions for near misses.</content>
public sealed partial class LanguageTag
{
    // Mistakes people make often that no registry name catches: three-letter ISO 639-2 codes where
    // BCP 47 uses two letters, country codes typed for languages, and names the registry spells otherwise.
    private static readonly Dictionary<string, string> CommonLanguageMistakes = new(StringComparer.Ordinal)
    {
        ["eng"] = "en", ["fra"] = "fr", ["fre"] = "fr", ["deu"] = "de", ["ger"] = "de", ["rus"] = "ru",
        ["spa"] = "es", ["ara"] = "ar", ["zho"] = "zh", ["chi"] = "zh", ["por"] = "pt", ["ita"] = "it",
        ["jpn"] = "ja", ["kor"] = "ko", ["nld"] = "nl", ["dut"] = "nl", ["pol"] = "pl", ["tur"] = "tr",
        ["ukr"] = "uk", ["fas"] = "fa", ["per"] = "fa", ["heb"] = "he", ["hin"] = "hi", ["ell"] = "el",
        ["gre"] = "el", ["swe"] = "sv", ["jp"] = "ja", ["cn"] = "zh", ["gr"] = "el", ["dk"] = "da",
        ["cz"] = "cs", ["ua"] = "uk", ["kr"] = "ko", ["vn"] = "vi", ["greek"] = "el", ["farsi"] = "fa",
        ["mandarin"] = "zh", ["castilian"] = "es", ["chinesesimplified"] = "zh-Hans",
        ["chinesetraditional"] = "zh-Hant", ["simplifiedchinese"] = "zh-Hans", ["traditionalchinese"] = "zh-Hant",
    };

    private static readonly Dictionary<string, string> CommonRegionMistakes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UK"] = "GB", ["EN"] = "GB",
    };

    /// <summary>
    /// Checks a language tag and says what it found: the canonical tag, or why it is refused and
    /// what might have been meant.
    /// </summary>
    /// <param name="value">The tag as typed, e.g. <c>en_GB</c>, <c>iw</c> or <c>german</c>; null is refused as empty.</param>
    /// <returns>The outcome; never null.</returns>
    public static LanguageTagValidation Validate(string? value) => ValidateCore(value, suggest: true);

    /// <summary>As <see cref="Validate(string?)"/>; without <paramref name="suggest"/> a refusal has no suggestion, which is cheaper.</summary>
    private static LanguageTagValidation ValidateCore(string? value, bool suggest)
    {
        var parts = Split(value, out var problem);
        if (parts is null)
        {
            return Refuse(value, suggest, problem);
        }

        var registry = LanguageRegistry.Default;
        var whole = string.Join('-', parts);
        if (registry.FindTag(whole) is { } special)
        {
            if (special.PreferredValue is { } preferred && Split(preferred, out _) is { } replacement && Build(replacement) is { } tag)
            {
                var kind = special.Type == "grandfathered" ? "a grandfathered tag" : "a deprecated tag";
                return new LanguageTagValidation(
                    tag, null, null, false, $"\"{value!.Trim()}\" is written \"{tag.Value}\": \"{whole}\" is {kind}; \"{tag.Value}\" ({special.Name}) is used instead.");
            }

            if (special.Type == "grandfathered")
            {
                return Refuse(value, suggest, $"\"{whole}\" is a grandfathered tag ({special.Name}) with no registered replacement; use a registered language subtag instead.");
            }
        }

        if (parts[0].Length == 1)
        {
            return Refuse(value, suggest, !parts[0].Equals("x", StringComparison.OrdinalIgnoreCase)
                ? $"\"{parts[0]}\" is too short for a language subtag, which has 2 to 8 letters."
                : parts.Length == 1
                ? "the private-use singleton \"x\" must be followed by at least one subtag."
                : "it is private use only (\"x-…\") and names no language; put a language subtag first, e.g. \"en-x-…\".");
        }

        var shape = Shape(parts, out problem);
        if (shape is null)
        {
            return Refuse(value, suggest, problem);
        }

        var notes = new List<string>();
        var language = registry.Find("language", shape.Language);
        if (language is null)
        {
            return Refuse(value, suggest, $"\"{shape.Language}\" is not a registered language subtag.");
        }

        foreach (var extlang in shape.Extlangs)
        {
            var record = registry.Find("extlang", extlang);
            if (record is null)
            {
                return Refuse(value, suggest, $"\"{extlang}\" is not a registered extended language subtag.");
            }

            if (shape.Extlangs.Count > 1 || !record.Prefixes.Contains(shape.Language, StringComparer.OrdinalIgnoreCase))
            {
                return Refuse(value, suggest, $"the extended language subtag \"{extlang}\" may only follow \"{string.Join("\" or \"", record.Prefixes)}\".");
            }
        }

        if (shape.Extlangs.Count == 1)
        {
            // RFC 5646, 4.5: the extlang form is replaced by the extlang itself as the language.
            var extlang = shape.Extlangs[0];
            notes.Add($"the extended language subtag \"{extlang}\" stands for the language itself.");
            shape = shape with { Language = extlang, Extlangs = [] };
            language = registry.Find("language", extlang) ?? language;
        }

        if (language.IsDeprecated && language.PreferredValue is { } preferredLanguage)
        {
            notes.Add($"the language subtag \"{shape.Language}\" is deprecated; \"{preferredLanguage}\" ({registry.Find("language", preferredLanguage)?.Name ?? language.Name}) is used instead.");
            shape = shape with { Language = preferredLanguage };
        }

        if (shape.Script is { } script)
        {
            var record = registry.Find("script", script);
            if (record is null)
            {
                return Refuse(value, suggest, $"\"{script}\" is not a registered script subtag.");
            }

            if (record.IsDeprecated && record.PreferredValue is { } preferredScript)
            {
                notes.Add($"the script subtag \"{script}\" is deprecated; \"{preferredScript}\" is used instead.");
                shape = shape with { Script = preferredScript };
            }
        }

        if (shape.Region is { } region)
        {
            var record = registry.Find("region", region);
            if (record is null)
            {
                return Refuse(value, suggest, $"\"{region}\" is not a registered region subtag.");
            }

            if (record.IsDeprecated && record.PreferredValue is { } preferredRegion)
            {
                notes.Add($"the region subtag \"{region}\" is deprecated; \"{preferredRegion}\" ({registry.Find("region", preferredRegion)?.Name}) is used instead.");
                shape = shape with { Region = preferredRegion };
            }
        }

        var variants = new List<string>(shape.Variants.Count);
        foreach (var variant in shape.Variants)
        {
            var record = registry.Find("variant", variant);
            if (record is null)
            {
                return Refuse(value, suggest, $"\"{variant}\" is not a registered variant subtag.");
            }

            // A prefix's subtags must all be in the tag before the variant (RFC 5646, 3.1.8).
            var before = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { shape.Language };
            if (shape.Script is not null)
            {
                before.Add(shape.Script);
            }

            if (shape.Region is not null)
            {
                before.Add(shape.Region);
            }

            before.UnionWith(variants);
            if (record.Prefixes.Count > 0 && !record.Prefixes.Any(p => p.Split('-').All(before.Contains)))
            {
                return Refuse(value, suggest, $"the variant subtag \"{variant}\" ({record.Name}) may only follow \"{string.Join("\" or \"", record.Prefixes)}\".");
            }

            var canonicalVariant = record.IsDeprecated && record.PreferredValue is { } preferredVariant ? preferredVariant : variant;
            if (canonicalVariant != variant)
            {
                notes.Add($"the variant subtag \"{variant}\" is deprecated; \"{canonicalVariant}\" is used instead.");
            }

            variants.Add(canonicalVariant);
        }

        shape = shape with { Variants = variants };
        var result = FromShape(shape);

        // A deprecated redundant tag (sgn-BR) is replaced whole, once its subtags are canonical.
        if (registry.FindTag(result.Value) is { IsDeprecated: true, PreferredValue: { } wholePreferred } redundant
            && Split(wholePreferred, out _) is { } wholeParts && Build(wholeParts) is { } replaced)
        {
            notes.Add($"\"{result.Value}\" is deprecated; \"{replaced.Value}\" ({redundant.Name}) is used instead.");
            result = replaced;
        }

        var note = notes.Count == 0 ? null : $"\"{value!.Trim()}\" is written \"{result.Value}\": " + string.Join(" ", notes);
        return new LanguageTagValidation(result, null, null, false, note);
    }

    /// <summary>
    /// A tag read back from storage, without consulting the registry: a store that holds
    /// <c>german</c> or <c>xx-YY</c> from before validation still loads, so that <c>hexapla check</c>
    /// can report it. The value keeps its stored spelling when well-formed (only case is made
    /// canonical), and is taken as it is (trimmed) when not. Never use it for input from people or files.
    /// </summary>
    /// <param name="value">The stored text.</param>
    /// <returns>The tag.</returns>
    /// <exception cref="LanguageTagException">The value is empty.</exception>
    public static LanguageTag FromStored(string value)
    {
        var parts = Split(value, out var problem);
        if (parts is null)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new LanguageTagException($"{Quote(value)} is not a valid BCP 47 language tag: {problem}");
            }

            var raw = value.Trim();
            return new LanguageTag(raw, raw.ToLowerInvariant(), null, null);
        }

        if (parts[0].Length > 1 && Shape(parts, out _) is { } shape)
        {
            return FromShape(shape);
        }

        var lower = string.Join('-', parts).ToLowerInvariant();
        return new LanguageTag(lower, parts[0].ToLowerInvariant(), null, null);
    }

    private static LanguageTagValidation Refuse(string? value, bool suggest, string problem)
    {
        var (suggestion, exact) = suggest ? Suggest(value) : (null, false);
        var reason = problem;
        if (suggestion is not null)
        {
            var name = LanguageRegistry.Default.Find("language", suggestion.Language)?.Name;
            reason += name is null ? $" Did you mean \"{suggestion.Value}\"?" : $" Did you mean \"{suggestion.Value}\" ({name})?";
        }

        return new LanguageTagValidation(null, $"{Quote(value)} is not a valid BCP 47 language tag: {reason}", suggestion, exact, null) { Reason = reason };
    }

    /// <summary>
    /// A valid tag close to <paramref name="value"/>: by language name (<c>german</c>, <c>Deutsch</c>),
    /// by a common mistake (<c>eng</c>, <c>en_UK</c>), or, not exact, by a name one or two letters off
    /// (<c>englsh</c>). Null when nothing is close or more than one language is.
    /// </summary>
    private static (LanguageTag? Tag, bool Exact) Suggest(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 80)
        {
            return (null, false);
        }

        if (ByName(value) is { } named)
        {
            return (named, true);
        }

        // Subtag by subtag: a name or mistake for the language, a known slip for the region.
        var parts = value.Trim().Split('-', '_', ' ');
        if (parts.Length > 1 && parts.All(p => p.Length > 0))
        {
            var language = LanguageRegistry.Default.Find("language", parts[0]) is null ? ByName(parts[0])?.Value : null;
            var fixedParts = new List<string>(parts.Length) { language ?? parts[0] };
            foreach (var part in parts.Skip(1))
            {
                fixedParts.Add(CommonRegionMistakes.TryGetValue(part, out var region) ? region : part);
            }

            var candidate = string.Join('-', fixedParts);
            if (!candidate.Equals(value.Trim().Replace('_', '-'), StringComparison.OrdinalIgnoreCase)
                && ValidateCore(candidate, suggest: false).Tag is { } repaired)
            {
                return (repaired, true);
            }
        }

        return (Fuzzy(value), false);
    }

    private static LanguageTag? ByName(string value)
    {
        var key = LanguageRegistry.NameKey(value);
        if (key.Length < 2)
        {
            return null;
        }

        if (CommonLanguageMistakes.TryGetValue(key, out var mistake))
        {
            return Validate(mistake).Tag;
        }

        foreach (var (code, native) in NativeNames)
        {
            if (LanguageRegistry.NameKey(native) == key)
            {
                return Validate(code).Tag;
            }
        }

        var registry = LanguageRegistry.Default;
        var matches = registry.FindLanguagesByName(value).Where(r => !r.IsDeprecated).ToList();
        if (matches.Count > 1)
        {
            // "Arabic" names the macrolanguage ar and nothing else of two letters; prefer ISO 639-1.
            matches = [.. matches.Where(r => r.Subtag.Length == 2)];
        }

        return matches.Count == 1 ? Validate(matches[0].Subtag).Tag : null;
    }

    private static LanguageTag? Fuzzy(string value)
    {
        var key = LanguageRegistry.NameKey(value);
        if (key.Length < 5)
        {
            return null;
        }

        var allowed = key.Length >= 7 ? 2 : 1;
        var best = new HashSet<string>(StringComparer.Ordinal);
        var bestDistance = int.MaxValue;
        foreach (var record in LanguageRegistry.Default.TwoLetterLanguages)
        {
            var names = record.Descriptions.Select(LanguageRegistry.NameKey);
            if (NativeNames.TryGetValue(record.Subtag, out var native))
            {
                names = names.Append(LanguageRegistry.NameKey(native));
            }

            foreach (var name in names)
            {
                var distance = Distance(key, name, allowed);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best.Clear();
                }

                if (distance == bestDistance)
                {
                    best.Add(record.Subtag);
                }
            }
        }

        return bestDistance <= allowed && best.Count == 1 ? Validate(best.First()).Tag : null;
    }

    /// <summary>Levenshtein distance, giving up (returning more than <paramref name="limit"/>) when the lengths differ too much.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Splits trimmed input into subtags, checking only characters and lengths.</summary>
    private static string[]? Split(string? input, out string problem)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            problem = "the tag is empty.";
            return null;
        }

        var trimmed = input.Trim();
        if (trimmed.Length > MaxLength)
        {
            problem = $"it is {trimmed.Length} characters long, and a tag may have at most {MaxLength}.";
            return null;
        }

        var parts = trimmed.Replace('_', '-').Split('-');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                problem = "it has an empty subtag (two separators in a row, or one at the start or end).";
                return null;
            }

            if (!part.All(char.IsAsciiLetterOrDigit))
            {
                problem = $"\"{part}\" is not a valid subtag.";
                return null;
            }

            if (part.Length > 8)
            {
                problem = $"\"{part}\" is longer than 8 characters, the most a subtag may have.";
                return null;
            }
        }

        problem = string.Empty;
        return parts;
    }

    /// <summary>The subtags by position (RFC 5646, 2.1), in canonical case; null when they stand where they cannot.</summary>
    private static TagShape? Shape(string[] parts, out string problem)
    {
        var first = parts[0].ToLowerInvariant();
        if (!first.All(char.IsAsciiLetter))
        {
            problem = $"\"{parts[0]}\" is not a valid language subtag, which has 2 to 8 letters only.";
            return null;
        }

        var extlangs = new List<string>();
        string? script = null;
        string? region = null;
        var index = 1;

        // extlang: up to three 3-letter subtags, only after a 2–3 letter language.
        for (var count = 0; first.Length <= 3 && count < 3 && index < parts.Length
            && parts[index].Length == 3 && parts[index].All(char.IsAsciiLetter); count++)
        {
            extlangs.Add(parts[index++].ToLowerInvariant());
        }

        if (index < parts.Length && parts[index].Length == 4 && parts[index].All(char.IsAsciiLetter))
        {
            var p = parts[index++];
            script = char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant();
        }

        if (index < parts.Length && IsRegion(parts[index]))
        {
            region = parts[index++].ToUpperInvariant();
        }

        var variants = new List<string>();
        while (index < parts.Length && IsVariant(parts[index]))
        {
            var variant = parts[index++].ToLowerInvariant();
            if (variants.Contains(variant))
            {
                problem = $"the variant \"{variant}\" appears twice.";
                return null;
            }

            variants.Add(variant);
        }

        var rest = new List<string>();
        var singletons = new HashSet<string>(StringComparer.Ordinal);
        while (index < parts.Length && parts[index].Length == 1)
        {
            var singleton = parts[index++].ToLowerInvariant();
            if (singleton == "x")
            {
                if (index == parts.Length)
                {
                    problem = "the private-use singleton \"x\" must be followed by at least one subtag.";
                    return null;
                }

                // Private use runs to the end and allows subtags of 1 to 8 characters.
                rest.Add(singleton);
                while (index < parts.Length)
                {
                    rest.Add(parts[index++].ToLowerInvariant());
                }

                break;
            }

            if (!singletons.Add(singleton))
            {
                problem = $"the extension singleton \"{singleton}\" appears twice.";
                return null;
            }

            rest.Add(singleton);
            var start = index;
            while (index < parts.Length && parts[index].Length >= 2)
            {
                rest.Add(parts[index++].ToLowerInvariant());
            }

            if (index == start)
            {
                problem = $"the extension singleton \"{singleton}\" must be followed by at least one subtag of 2 to 8 characters.";
                return null;
            }
        }

        if (index < parts.Length)
        {
            var shape = new TagShape(first, extlangs, script, region, variants, rest);
            problem = $"\"{parts[index]}\" cannot stand here, after \"{FromShape(shape).Value}\" (expected a variant, an extension or private use).";
            return null;
        }

        problem = string.Empty;
        return new TagShape(first, extlangs, script, region, variants, rest);
    }

    private static LanguageTag? Build(string[] parts) =>
        parts[0].Length > 1 && Shape(parts, out _) is { } shape ? FromShape(shape) : null;

    private static LanguageTag FromShape(TagShape shape)
    {
        var all = new List<string> { shape.Language };
        all.AddRange(shape.Extlangs);
        if (shape.Script is not null)
        {
            all.Add(shape.Script);
        }

        if (shape.Region is not null)
        {
            all.Add(shape.Region);
        }

        all.AddRange(shape.Variants);
        all.AddRange(shape.Rest);
        return new LanguageTag(string.Join('-', all), shape.Language, shape.Script, shape.Region);
    }

    private static bool IsRegion(string part) =>
        (part.Length == 2 && part.All(char.IsAsciiLetter))
        || (part.Length == 3 && part.All(char.IsAsciiDigit));

    private static bool IsVariant(string part) =>
        part.Length is >= 5 and <= 8 || (part.Length == 4 && char.IsAsciiDigit(part[0]));

    private sealed record TagShape(
        string Language, List<string> Extlangs, string? Script, string? Region, List<string> Variants, List<string> Rest);
}

/// <summary>What <see cref="LanguageTag.Validate"/> found.</summary>
/// <param name="Tag">The canonical tag when valid; null when refused.</param>
/// <param name="Error">When refused, one sentence naming the input and the bad subtag, with the suggestion if any; shown to people as it is.</param>
/// <param name="Suggestion">When refused, a valid tag that was probably meant (<c>german</c> → <c>de</c>); null when nothing is close.</param>
/// <param name="SuggestionIsExact">
/// True when the suggestion comes from a registered name or a known mistake (safe for
/// <c>hexapla check --repair</c>), false when it is only a near spelling.
/// </param>
/// <param name="Note">When valid but rewritten beyond case (deprecated, extlang, grandfathered), a sentence saying so; else null.</param>
public sealed record LanguageTagValidation(LanguageTag? Tag, string? Error, LanguageTag? Suggestion, bool SuggestionIsExact, string? Note)
{
    /// <summary>
    /// When refused, <see cref="Error"/> without the input: what is wrong and the suggestion, for callers that
    /// name the input themselves (<c>trgLang="german" is not a valid BCP 47 language tag: …</c>).
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>True when the input is a valid tag.</summary>
    public bool IsValid => Tag is not null;

    /// <inheritdoc/>
    public override string ToString() => Tag?.Value ?? Error ?? string.Empty;
}
