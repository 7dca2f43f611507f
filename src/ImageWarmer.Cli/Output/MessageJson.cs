using System.Text.Json;
using ImageWarmer.Core.Operations.Request;

namespace ImageWarmer.Cli.Output;

/// <summary><c>request --json</c>: the message enqueued.</summary>
internal sealed record MessageJson(string MessageId, string Source, string Target, string Queue)
{
    public static string Serialize(RequestResult result) =>
        JsonSerializer.Serialize(new MessageJson(result.MessageId, result.Source, result.Target, result.Queue), CliJsonContext.Default.MessageJson);
}
