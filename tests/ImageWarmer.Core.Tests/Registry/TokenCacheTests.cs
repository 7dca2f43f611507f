using ImageWarmer.Core.Registry.Auth;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Registry;

/// <summary>The token cache on its own: one fetch per key, a failed or expired entry fetched again, and never a loop.</summary>
public sealed class TokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly TokenCache _cache;

    public TokenCacheTests() => _cache = new TokenCache(_time);

    [Fact]
    public async Task Get_SameKeyTwice_FetchedOnce()
    {
        var fetches = 0;
        Task<RegistryToken> Fetch() => Task.FromResult(new RegistryToken($"t{++fetches}", Now.AddMinutes(5)));

        var first = await _cache.GetAsync("k", Fetch);
        var second = await _cache.GetAsync("k", Fetch);

        Assert.Equal(("t1", "t1", 1), (first.Value, second.Value, fetches));
    }

    // A token endpoint whose clock runs ahead (or a JWT exp in the past) hands out tokens that are expired on arrival:
    // the cache asks once more, then uses what it got rather than asking forever.
    [Fact]
    public async Task Get_FetchAnswersExpiredTokens_FetchedOnceMore_ThenTheSecondIsUsed()
    {
        var fetches = 0;
        Task<RegistryToken> Fetch() => Task.FromResult(new RegistryToken($"t{++fetches}", Now.AddSeconds(-1)));

        var token = await _cache.GetAsync("k", Fetch);

        Assert.Equal(("t2", 2), (token.Value, fetches));
    }

    [Fact]
    public async Task Get_CachedTokenExpired_FetchedAgain()
    {
        var fetches = 0;
        Task<RegistryToken> Fetch() => Task.FromResult(new RegistryToken($"t{++fetches}", _time.GetUtcNow().AddMinutes(1)));

        await _cache.GetAsync("k", Fetch);
        _time.Advance(TimeSpan.FromMinutes(1));
        var token = await _cache.GetAsync("k", Fetch);

        Assert.Equal(("t2", 2), (token.Value, fetches));
    }

    // A failed fetch (an endpoint down for a moment) must not be remembered: the next request asks again.
    [Fact]
    public async Task Get_FetchFailed_NextCallFetchesAgain()
    {
        var fetches = 0;
        Task<RegistryToken> Fetch() => ++fetches == 1
            ? Task.FromException<RegistryToken>(new HttpRequestException("endpoint down"))
            : Task.FromResult(new RegistryToken("t", Now.AddMinutes(5)));

        await Assert.ThrowsAsync<HttpRequestException>(() => _cache.GetAsync("k", Fetch));
        var token = await _cache.GetAsync("k", Fetch);

        Assert.Equal(("t", 2), (token.Value, fetches));
    }

    [Fact]
    public async Task Invalidate_NextCallFetches_OtherKeysKept()
    {
        var fetches = 0;
        Task<RegistryToken> Fetch() => Task.FromResult(new RegistryToken($"t{++fetches}", Now.AddMinutes(5)));

        await _cache.GetAsync("a", Fetch);
        await _cache.GetAsync("b", Fetch);
        _cache.Invalidate("a");

        Assert.Equal(("t3", "t2"), ((await _cache.GetAsync("a", Fetch)).Value, (await _cache.GetAsync("b", Fetch)).Value));
    }
}
