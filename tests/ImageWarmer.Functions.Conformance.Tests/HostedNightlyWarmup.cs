using ImageWarmer.Core.Operations.Nightly;
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
        var startedAt = DateTimeOffset.UtcNow;
        var result = await nightly.RunAsync(new NightlyRequest(), cancellationToken);
        // Recorded once the run is done: a run the test's shutdown cancels is not one of its ticks.
        invocations.Add(new Invocations.Invocation(host.Name, "NightlyWarmup", null, 0, startedAt, result.Location));
    }
}
