using System.Globalization;
using System.Text.Json;
using ImageWarmer.Core.Storage;

namespace ImageWarmer.Functions;

/// <summary>
/// What the worker needs to know of the host's <c>host.json</c>: <c>extensions.queues.maxDequeueCount</c>, so the
/// queue function knows its last try (and the ledger can say the request was given up to the poison queue), and
/// <c>functionTimeout</c>, which the ACR import's own timeout must end before (<see cref="StartupWarnings"/>). The app
/// settings <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> and
/// <c>AzureFunctionsJobHost__functionTimeout</c> override the file, for the host and here.
/// </summary>
public static class HostJsonSettings
{
    /// <summary>The configuration key the host's <c>functionTimeout</c> is given under.</summary>
    public const string FunctionTimeoutKey = "ImageWarmer:Host:FunctionTimeout";

    private const string DequeueOverride = "AzureFunctionsJobHost__extensions__queues__maxDequeueCount";
    private const string TimeoutOverride = "AzureFunctionsJobHost__functionTimeout";

    /// <summary>Settings read from <paramref name="hostJsonPath"/> (none for a file or a value that is absent).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Read(string hostJsonPath)
    {
        var dequeueCount = Environment.GetEnvironmentVariable(DequeueOverride);
        var functionTimeout = Environment.GetEnvironmentVariable(TimeoutOverride);
        if (File.Exists(hostJsonPath))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (dequeueCount is null && json.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var queues)
                && queues.TryGetProperty("maxDequeueCount", out var count) && count.TryGetInt32(out var number))
            {
                dequeueCount = number.ToString(CultureInfo.InvariantCulture);
            }
            if (functionTimeout is null && json.RootElement.TryGetProperty("functionTimeout", out var timeout) && timeout.ValueKind == JsonValueKind.String)
            {
                functionTimeout = timeout.GetString();
            }
        }
        if (dequeueCount is not null)
        {
            yield return new($"{StorageOptions.SectionName}:{nameof(StorageOptions.MaxDequeueCount)}", dequeueCount);
        }
        if (functionTimeout is not null)
        {
            yield return new(FunctionTimeoutKey, functionTimeout);
        }
    }
}
