using System.Collections.Concurrent;
using ImageWarmer.Core.Importing;

namespace ImageWarmer.Core.Warming;

/// <summary>Makes sure one process never imports the same target twice at once: a second caller for a target
/// already being imported waits for that import and shares its result.</summary>
public sealed class ImportGate
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ImportResult>>> _running = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="import"/> for <paramref name="target"/> unless an import of it is running.</summary>
    public async Task<ImportResult> RunOnceAsync(string target, Func<Task<ImportResult>> import)
    {
        var entry = _running.GetOrAdd(target, _ => new Lazy<Task<ImportResult>>(import));
        try
        {
            return await entry.Value;
        }
        finally
        {
            _running.TryRemove(KeyValuePair.Create(target, entry));
        }
    }
}
