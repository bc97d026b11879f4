using System.Net;
using Hexapla.Hosting;
using Microsoft.Extensions.Options;

namespace Hexapla.Admin;

/// <summary>
/// Limits failed logins, in memory: after <c>Hexapla:Limits:LoginFailuresPerAccount</c> failures for one account, or
/// <c>LoginFailuresPerAddress</c> from one client address, within <c>LoginWindow</c>, that account or address is
/// refused for <c>LoginLockout</c> (by default 5, 20, 15 minutes and 15 minutes: the constants here). Time comes from
/// the injected clock so tests can move it.
/// </summary>
/// <remarks>
/// Memory is the right place for one process: a restart forgets the counters, which costs an attacker a restart
/// they cannot cause. Several processes behind a balancer would each keep their own.
/// </remarks>
internal sealed class LoginThrottle(TimeProvider clock, IOptions<Limits> limits)
{
    public const int AccountLimit = 5;
    public const int AddressLimit = 20;

    private readonly int _accountLimit = limits.Value.LoginFailuresPerAccount;
    private readonly int _addressLimit = limits.Value.LoginFailuresPerAddress;
    private readonly TimeSpan _window = limits.Value.LoginWindow;
    private readonly TimeSpan _lockout = limits.Value.LoginLockout;

    // Beyond this many tracked keys, expired ones are swept on the next failure.
    private const int SweepThreshold = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>Until when attempts for <paramref name="account"/> or from <paramref name="address"/> are refused; null when they are not.</summary>
    public DateTimeOffset? RefusedUntil(string account, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            DateTimeOffset? until = null;
            foreach (var key in Keys(account, address))
            {
                if (_counters.TryGetValue(key, out var counter) && counter.LockedUntil > now && (until is null || counter.LockedUntil > until))
                {
                    until = counter.LockedUntil;
                }
            }

            return until;
        }
    }

    /// <summary>Counts a failed attempt against the account and the address.</summary>
    public void Failed(string account, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_counters.Count > SweepThreshold)
            {
                foreach (var stale in _counters.Where(c => c.Value.LockedUntil <= now && c.Value.Failures.All(f => f <= now - _window)).Select(c => c.Key).ToList())
                {
                    _counters.Remove(stale);
                }
            }

            foreach (var key in Keys(account, address))
            {
                if (!_counters.TryGetValue(key, out var counter))
                {
                    _counters[key] = counter = new Counter();
                }

                counter.Failures.RemoveAll(f => f <= now - _window);
                counter.Failures.Add(now);
                if (counter.Failures.Count >= (key.StartsWith("a:", StringComparison.Ordinal) ? _accountLimit : _addressLimit))
                {
                    counter.LockedUntil = now + _lockout;
                    counter.Failures.Clear();
                }
            }
        }
    }

    /// <summary>A successful login clears the account's failures (not the address's: one good password does not vouch for the rest).</summary>
    public void Succeeded(string account)
    {
        lock (_lock)
        {
            _counters.Remove(AccountKey(account));
        }
    }

    private static IEnumerable<string> Keys(string account, IPAddress? address)
    {
        yield return AccountKey(account);
        if (address is not null)
        {
            yield return "i:" + address;
        }
    }

    private static string AccountKey(string account) => "a:" + account.ToUpperInvariant();

    private sealed class Counter
    {
        public List<DateTimeOffset> Failures { get; } = [];

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
