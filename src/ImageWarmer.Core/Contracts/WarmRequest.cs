using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Contracts;

/// <summary>The queue message that asks for one image (version 1; docs/contracts/warm-request.schema.json):
/// <c>{"version":1,"source":"docker.io/sonatype/nexus3:3.77.2","target":"sonatype/nexus3:3.77.2","requestedBy":"pipeline run 1234","force":false}</c>.
/// A message names a source; its ACR repository always follows from it (<c>target</c> may only choose another tag there).</summary>
/// <param name="Version">Always 1.</param>
/// <param name="Source">The public image.</param>
/// <param name="Target">Its ACR name, <c>repository[:tag]</c>, in the repository derived from the source; derived whole when absent.</param>
/// <param name="RequestedBy">Who asked, for the ledger.</param>
/// <param name="Force">Re-import even a tag the target has that drifted (honoured only under <c>ImageWarmer:Warming:AllowQueueForce</c>).</param>
/// <param name="Deferrals">How often the request was deferred already (optional; set by re-enqueues, bounded by
/// <c>ImageWarmer:Warming:MaxDeferrals</c>).</param>
public sealed record WarmRequest(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("target"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target,
    [property: JsonPropertyName("requestedBy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestedBy,
    [property: JsonPropertyName("force")] bool Force,
    [property: JsonPropertyName("deferrals"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Deferrals = 0)
{
    /// <summary>The only message version this ImageWarmer reads and writes.</summary>
    public const int CurrentVersion = 1;
}
