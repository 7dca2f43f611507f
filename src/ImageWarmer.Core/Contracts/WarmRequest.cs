using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Contracts;

/// <summary>The queue message that asks for one image (version 1; docs/contracts/warm-request.schema.json):
/// <c>{"version":1,"source":"docker.io/sonatype/nexus3:3.77.2","target":"sonatype/nexus3:3.77.2","requestedBy":"pipeline run 1234","force":false}</c>.</summary>
/// <param name="Version">Always 1.</param>
/// <param name="Source">The public image.</param>
/// <param name="Target">Its ACR name, <c>repository[:tag]</c>; derived from the source when absent.</param>
/// <param name="RequestedBy">Who asked, for the ledger.</param>
/// <param name="Force">Re-import even a tag the target has that drifted.</param>
public sealed record WarmRequest(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("target"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target,
    [property: JsonPropertyName("requestedBy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestedBy,
    [property: JsonPropertyName("force")] bool Force)
{
    /// <summary>The only message version this ImageWarmer reads and writes.</summary>
    public const int CurrentVersion = 1;
}
