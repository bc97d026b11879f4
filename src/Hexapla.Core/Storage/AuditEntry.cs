namespace Hexapla.Storage;

/// <summary>One line of the audit log: who did what, when, to what. Never changed once written.</summary>
/// <param name="Id">The store's identity; 0 for an entry not written yet.</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">The user's name, or <see cref="Accounts.User.System"/>.</param>
/// <param name="Action">What was done, dotted: <c>version.save</c>, <c>version.publish</c>, <c>document.delete</c>.</param>
/// <param name="Target">What it was done to, e.g. <c>slug/lang</c>; null when nothing in particular.</param>
/// <param name="Detail">More, in words (a revision, a publication time); null when there is nothing more.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);
