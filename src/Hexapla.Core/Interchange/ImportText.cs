using System.Text;

namespace Hexapla.Interchange;

/// <summary>
/// Turns a file's bytes into text the importers can trust: valid UTF-8, LF line ends, no BOM, no NUL, and the entrance
/// rule for text (<see cref="Content.EnteringText"/>) applied to the whole file, so a refusal says the file's line.
/// </summary>
internal static class ImportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ImportFile file)
    {
        var bytes = file.Content.AsSpan();
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        // Both checks are vectorised; only a file that fails one is walked a character at a time, to say where.
        if (bytes.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw FirstProblem(file.Name, bytes);
        }

        var text = StrictUtf8.GetString(bytes);
        try
        {
            return Content.EnteringText.Accept(text, file.Name);
        }
        catch (Content.TextRefusedException refused)
        {
            throw new ImportException(file.Name, refused.Fault.Line,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column {refused.Fault.Column}: {refused.Fault.What}"));
        }
    }

    /// <summary>The first invalid UTF-8 sequence or NUL character in <paramref name="bytes"/>, with its line.</summary>
    private static ImportException FirstProblem(string name, ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return new ImportException(name, LineAt(bytes, offset),
                    $"is not valid UTF-8 (byte 0x{bytes[offset]:X2} at offset {offset}); save it as UTF-8 and import again");
            }

            if (rune.Value == 0)
            {
                return new ImportException(name, LineAt(bytes, offset), "contains a NUL character: it looks like a binary file, not text");
            }

            offset += consumed;
        }

        throw new InvalidOperationException("FirstProblem called on valid text.");
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;

    /// <summary>The first sentence of <paramref name="text"/>, cut at a word boundary to at most <paramref name="max"/> characters.</summary>
    public static string FirstSentence(string text, int max = 90)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var end = -1;
        for (var i = 0; i < flat.Length; i++)
        {
            if (flat[i] is '.' or '!' or '?' or '。' or '؟' && (i + 1 == flat.Length || flat[i + 1] == ' '))
            {
                end = flat[i] == '.' ? i : i + 1;
                break;
            }
        }

        var sentence = end < 0 ? flat : flat[..end];
        if (sentence.Length <= max)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? sentence[..cut] : sentence[..(max - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
