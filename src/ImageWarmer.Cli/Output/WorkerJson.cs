using System.Text.Json;
using ImageWarmer.Core.Operations.Drain;

namespace ImageWarmer.Cli.Output;

/// <summary><c>worker --json</c>: what happened to each message handled in one pass.</summary>
internal sealed record WorkerJson(IReadOnlyList<DrainedMessage> Messages)
{
    public static string Serialize(IReadOnlyList<DrainedMessage> messages) =>
        JsonSerializer.Serialize(new WorkerJson(messages), CliJsonContext.Default.WorkerJson);
}
