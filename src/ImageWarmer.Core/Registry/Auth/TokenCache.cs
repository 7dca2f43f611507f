using System.Collections.Concurrent;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>Tokens by key until shortly before they expire: one fetch per key at a time, and an expired or failed entry
/// is fetched again on the next call (once).</summary>
public sealed class TokenCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RegistryToken>>> _tokens = new(StringComparer.Ordinal);

    /// <summary>The cached token for <paramref name="key"/>, or the one <paramref name="fetch"/> gets.</summary>
    public async Task<RegistryToken> GetAsync(string key, Func<Task<RegistryToken>> fetch)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = _tokens.GetOrAdd(key, _ => new Lazy<Task<RegistryToken>>(fetch));
            RegistryToken token;
            try
            {
                token = await entry.Value;
            }
            catch
            {
                _tokens.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
            if (token.IsValidAt(time.GetUtcNow()) || attempt > 0)
            {
                return token;
            }
            _tokens.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    /// <summary>Forgets a token the registry refused, so the next request fetches a new one.</summary>
    public void Invalidate(string key) => _tokens.TryRemove(key, out _);
}
