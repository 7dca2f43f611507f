using System.Text.Json.Nodes;
using ImageWarmer.Testing;

namespace ImageWarmer.Cli.Tests;

/// <summary>A settings file for <c>--config</c> that points the CLI at the test servers: Azurite, a queue and a ledger
/// table of the test's own, the target registry, and <c>docker.io</c> at the upstream registry.</summary>
internal static class LocalSettings
{
    /// <summary>Writes <c>settings.json</c> into <paramref name="directory"/>, with <paramref name="more"/> settings
    /// (<c>ImageWarmer:Storage:MaxDequeueCount</c> = <c>1</c>…) on top; returns its path.</summary>
    public static string Write(TemporaryDirectory directory, string queueName, string ledgerTable, params (string Key, string Value)[] more)
    {
        var settings = new JsonObject
        {
            ["WarmQueueName"] = queueName,
            ["ImageWarmer"] = new JsonObject
            {
                ["Storage"] = new JsonObject { ["ConnectionString"] = TestServices.StorageConnectionString, ["LedgerTable"] = ledgerTable },
                ["Planning"] = new JsonObject { ["TargetRegistry"] = TestServices.TargetRegistry },
                ["Registry"] = new JsonObject
                {
                    ["Endpoints"] = new JsonArray(new JsonObject { ["Registry"] = "docker.io", ["Url"] = $"http://{TestServices.UpstreamRegistry}" }),
                },
            },
        };
        foreach (var (key, value) in more)
        {
            var parts = key.Split(':');
            var section = settings;
            foreach (var part in parts[..^1])
            {
                section = section[part] as JsonObject ?? (JsonObject)(section[part] = new JsonObject());
            }
            section[parts[^1]] = value;
        }
        return directory.Write("settings.json", settings.ToJsonString());
    }
}
