using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Operations.HandleMessage;
using Microsoft.Azure.WebJobs;

namespace ImageWarmer.Functions.Conformance.Tests;

/// <summary>
/// <c>src/ImageWarmer.Functions/WarmRequestFunction.cs</c> as the WebJobs host binds it: the same trigger
/// (<c>%WarmQueueName%</c> on <c>AzureWebJobsStorage</c>), the same <see cref="QueueMessage"/> parameter and the same
/// one call into Core. Kept line for line with the function class; only the attributes are the WebJobs SDK's.
/// </summary>
public sealed class HostedWarmRequest(HandleMessageOperation handler, Invocations invocations, HostName host)
{
    [FunctionName("WarmRequest")]
    public async Task RunAsync([QueueTrigger("%WarmQueueName%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        invocations.Add(new Invocations.Invocation(host.Name, "WarmRequest", message.MessageId, message.DequeueCount, DateTimeOffset.UtcNow));
        await handler.RunAsync(new IncomingMessage(message.Body.ToString(), message.MessageId, message.DequeueCount), cancellationToken);
    }
}
