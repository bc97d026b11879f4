using System.Globalization;
using System.Text.RegularExpressions;

namespace Hexapla.Content;

/// <summary>
/// The one reading of the times people and files give Hexapla (the write API, front matter, the admin forms), so a
/// time means the same instant whatever the server's own time zone is. Nothing here reads
/// <see cref="TimeZoneInfo.Local"/>: a time without an offset is either refused (machine formats) or read in a zone
/// the caller names (the site's <c>TimeZone</c> setting, for forms and date-only values).
/// </summary>
/// <remarks>
/// <para>The text form is ISO 8601 / RFC 3339: <c>2026-12-06T15:54:01Z</c>, <c>2026-12-06T18:54:01+03:00</c>;
/// <c>T</c> or a space between date and time, seconds and a fraction (up to 7 digits kept) optional, the offset as
/// <c>Z</c>, <c>±hh:mm</c>, <c>±hhmm</c> or <c>±hh</c>, at most 14 hours. Digits are ASCII only.</para>
/// <para>Every instant returned is in UTC (offset zero).</para>
/// <para>A local time in a zone's gap (the hour skipped when summer time begins) does not exist and is refused; one
/// that happens twice (the hour repeated when it ends) is read as the later of the two, so an embargo given that way
/// never lifts before the person could have meant. A date alone is the start of that day in the zone: its midnight,
/// or, where the clocks skip midnight, the first instant of the day that exists.</para>
/// </remarks>
public static partial class Instants
{
    /// <summary>How a time with its offset is written, for messages.</summary>
    public const string Example = "2026-12-06T15:54:01Z (UTC) or 2026-12-06T18:54:01+03:00";

    /// <summary>The longest offset from UTC a time may state.</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>
    /// Reads a time from a machine format: a date, a time of day and an offset (<c>Z</c> or <c>±hh:mm</c>), all three
    /// required. <paramref name="error"/> completes a sentence that begins with the field's name, e.g.
    /// <c>needs an offset: …</c>.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset instant, out string error)
    {
        instant = default;
        if (!TryRead(text, $"write it as {Example}", out var parts, out error))
        {
            return false;
        }

        if (!parts.HasTime)
        {
            error = $"is \"{parts.Text}\", a date without a time of day: write the instant, such as {Example}";
            return false;
        }

        if (parts.Offset is not { } offset)
        {
            error = NeedsOffset(parts.Text, dateAllowed: false);
            return false;
        }

        return TryInstant(parts, offset, out instant, out error);
    }

    /// <summary>
    /// Reads a time as front matter gives it: a date, time and offset as <see cref="TryParse"/> reads them, or a
    /// calendar date alone (<c>2026-12-06</c>), which is the start of that day in <paramref name="zone"/> (so the site,
    /// which shows dates in that zone, shows the same date). A date and time without an offset is refused.
    /// </summary>
    public static bool TryParseInstantOrDate(string? text, TimeZoneInfo zone, out DateTimeOffset instant, out string error)
    {
        ArgumentNullException.ThrowIfNull(zone);
        instant = default;
        if (!TryRead(text, $"write it as {Example}, or a date alone such as 2026-12-06", out var parts, out error))
        {
            return false;
        }

        if (!parts.HasTime)
        {
            return TryStartOfDay(parts.Local, zone, out instant, out error);
        }

        if (parts.Offset is not { } offset)
        {
            error = NeedsOffset(parts.Text, dateAllowed: true);
            return false;
        }

        return TryInstant(parts, offset, out instant, out error);
    }

    /// <summary>
    /// Reads a time a person typed in a form (<c>2026-12-06T18:54</c>, as an HTML <c>datetime-local</c> input sends
    /// it) as a wall-clock time in <paramref name="zone"/>. A time that states its own offset is read with that
    /// offset. A time in the zone's gap is refused; one that happens twice is the later one.
    /// </summary>
    public static bool TryParseLocal(string? text, TimeZoneInfo zone, out DateTimeOffset instant, out string error)
    {
        ArgumentNullException.ThrowIfNull(zone);
        instant = default;
        if (!TryRead(text, "give a date and a time of day, such as 2026-12-06 18:54", out var parts, out error))
        {
            return false;
        }

        if (!parts.HasTime)
        {
            error = $"is \"{parts.Text}\", a date without a time of day: give both, such as 2026-12-06 18:54";
            return false;
        }

        return parts.Offset is { } offset
            ? TryInstant(parts, offset, out instant, out error)
            : TryFromLocal(parts.Local, zone, out instant, out error);
    }

    /// <summary>
    /// The instant a wall-clock time in <paramref name="zone"/> names: false with a message for a time in a gap, the
    /// later instant for a time that happens twice.
    /// </summary>
    public static bool TryFromLocal(DateTime local, TimeZoneInfo zone, out DateTimeOffset instant, out string error)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        instant = default;
        error = string.Empty;
        if (zone.IsInvalidTime(local))
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"is {local:yyyy-MM-dd HH:mm}, which does not exist in {zone.Id}: the clocks skip it that night; give a time after the change");
            return false;
        }

        // The later of the two readings has the smaller offset: an embargo lifts no earlier than either.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return TryAt(local, offset, out instant, out error);
    }

    /// <summary>
    /// The first instant of <paramref name="date"/> in <paramref name="zone"/>: its midnight, or where the clocks skip
    /// midnight, the first instant of the day that exists. UTC midnight for a day at the very edge of the calendar.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TryStartOfDay(midnight, zone, out var start, out _) ? start : new DateTimeOffset(midnight, TimeSpan.Zero);
    }

    /// <summary>The first instant of the day <paramref name="midnight"/> begins, in <paramref name="zone"/>.</summary>
    private static bool TryStartOfDay(DateTime midnight, TimeZoneInfo zone, out DateTimeOffset instant, out string error)
    {
        TimeSpan offset;
        if (zone.IsInvalidTime(midnight))
        {
            // Midnight is skipped: read with the offset before the change, it lands where the day's clocks begin.
            offset = zone.GetUtcOffset(midnight.AddDays(-1));
        }
        else
        {
            // Where midnight happens twice, the day starts at the first.
            offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        }

        return TryAt(midnight, offset, out instant, out error);
    }

    /// <summary>
    /// The zone as people read it beside a time field: <c>Europe/Moscow (UTC+03:00)</c>, with the offset in force at
    /// <paramref name="at"/>; plain <c>UTC</c> for UTC.
    /// </summary>
    public static string ZoneLabel(TimeZoneInfo zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (IsUtc(zone))
        {
            return "UTC";
        }

        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})");
    }

    /// <summary>
    /// <paramref name="at"/> as a wall-clock time in <paramref name="zone"/>, to the minute, in the form an HTML
    /// <c>datetime-local</c> input takes (<c>2026-12-06T18:54</c>).
    /// </summary>
    public static string ToLocalInput(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>True for a zone that is UTC all year.</summary>
    public static bool IsUtc(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime
            && (zone.Id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone.Id.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase)
                || zone.Id.Equals(TimeZoneInfo.Utc.Id, StringComparison.Ordinal));
    }

    private static string NeedsOffset(string text, bool dateAllowed) =>
        $"needs an offset: \"{text}\" does not say which zone's clock it is; write {WithOffset(text)}Z for UTC or {WithOffset(text)}+03:00 for UTC+3"
        + (dateAllowed ? $", or the date alone ({text[..10]})" : "");

    private static string WithOffset(string text) => text.Replace(' ', 'T');

    private static bool TryInstant(Parts parts, TimeSpan offset, out DateTimeOffset instant, out string error) =>
        TryAt(parts.Local, offset, out instant, out error);

    /// <summary>The instant of a wall-clock time and its offset; false where it falls outside what can be stored.</summary>
    private static bool TryAt(DateTime local, TimeSpan offset, out DateTimeOffset instant, out string error)
    {
        instant = default;
        error = string.Empty;
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"is {local:yyyy-MM-dd HH:mm}, at the very edge of the years 0001–9999; give a time inside them");
            return false;
        }

        instant = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>Splits the text into its date, time and offset, checking each is a real one.</summary>
    private static bool TryRead(string? text, string howToWrite, out Parts parts, out string error)
    {
        parts = default;
        error = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = $"is empty; {howToWrite}";
            return false;
        }

        var match = Pattern().Match(trimmed);
        if (!match.Success)
        {
            error = $"is \"{Shorten(trimmed)}\", not a date and time; {howToWrite}";
            return false;
        }

        int Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Number("year"), Number("month"), Number("day"));
        var (hour, minute, second) = (Number("hour"), Number("minute"), Number("second"));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            error = $"is \"{Shorten(trimmed)}\", which is no such date or time of day; {howToWrite}";
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);

        TimeSpan? offset = null;
        var zone = match.Groups["offset"].Value;
        if (zone.Length > 0)
        {
            if (zone is "Z" or "z")
            {
                offset = TimeSpan.Zero;
            }
            else
            {
                var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
                var span = new TimeSpan(hours, minutes, 0);
                if (minutes > 59 || span > MaxOffset)
                {
                    error = $"is \"{Shorten(trimmed)}\", whose offset {zone} is not one: offsets run from -14:00 to +14:00";
                    return false;
                }

                offset = zone[0] == '-' ? -span : span;
            }
        }

        parts = new Parts(trimmed, local, match.Groups["hour"].Success, offset);
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private readonly record struct Parts(string Text, DateTime Local, bool HasTime, TimeSpan? Offset);

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:[Tt ](?<hour>[0-9]{2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:[.,](?<fraction>[0-9]{1,9}))?)?[ \t]*(?<offset>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
