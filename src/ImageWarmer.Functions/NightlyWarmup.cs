using ImageWarmer.Core.Operations.Nightly;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageWarmer.Functions;

/// <summary>The nightly timer (<c>%WarmSchedule%</c>, default 02:00 UTC): plans the manifests snapshot and enqueues one
/// warm request per image that needs work.</summary>
public sealed class NightlyWarmup(NightlyOperation nightly, ILogger<NightlyWarmup> logger)
{
    [Function(nameof(NightlyWarmup))]
    public async Task RunAsync([TimerTrigger("%WarmSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            Log.PastDue(logger, timer.ScheduleStatus?.Last);
        }
        await nightly.RunAsync(new NightlyRequest(), cancellationToken);
    }
}
