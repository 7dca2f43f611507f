namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>Waits for a condition the hosts make true on their own schedule (polling queues and timers), or fails
/// with what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(2));
        T last;
        while (!done(last = await read()))
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{what} did not happen in time; last seen: {last}");
            }
            await Task.Delay(100, CancellationToken.None);
        }
        return last;
    }
}
