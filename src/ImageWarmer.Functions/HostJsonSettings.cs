using System.Globalization;
using System.Text.Json;
using ImageWarmer.Core.Storage;

namespace ImageWarmer.Functions;

/// <summary>
/// What the worker needs to know of the host's <c>host.json</c>: <c>extensions.queues.maxDequeueCount</c>, so the
/// queue function knows its last try (and the ledger can say the request was given up to the poison queue). The app
/// setting <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> overrides the file, for the host and here.
/// </summary>
public static class HostJsonSettings
{
    private const string Override = "AzureFunctionsJobHost__extensions__queues__maxDequeueCount";

    /// <summary>Settings read from <paramref name="hostJsonPath"/> (none when the file or the value is absent).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Read(string hostJsonPath)
    {
        var value = Environment.GetEnvironmentVariable(Override);
        if (value is null && File.Exists(hostJsonPath))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (json.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var queues)
                && queues.TryGetProperty("maxDequeueCount", out var count) && count.TryGetInt32(out var number))
            {
                value = number.ToString(CultureInfo.InvariantCulture);
            }
        }
        return value is null ? [] : [new($"{StorageOptions.SectionName}:{nameof(StorageOptions.MaxDequeueCount)}", value)];
    }
}
