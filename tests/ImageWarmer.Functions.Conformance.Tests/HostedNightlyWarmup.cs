using ImageWarmer.Core.Operations;
using Microsoft.Azure.WebJobs;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>
/// <c>src/ImageWarmer.Functions/NightlyWarmup.cs</c> as the WebJobs host binds it: the same timer trigger
/// (<c>%WarmSchedule%</c>) and the same one call into Core.
/// </summary>
public sealed class HostedNightlyWarmup(NightlyOperation nightly, Invocations invocations, HostName host)
{
    [FunctionName("NightlyWarmup")]
    public async Task RunAsync([TimerTrigger("%WarmSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        invocations.Add(new Invocations.Invocation(host.Name, "NightlyWarmup", null, 0, DateTimeOffset.UtcNow));
        await nightly.RunAsync(new NightlyOptions(), cancellationToken);
    }
}
