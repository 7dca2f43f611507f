using Azure.Storage.Queues.Models;
using ImageWarmer.Core.Operations.HandleMessage;
using Microsoft.Azure.Functions.Worker;

namespace ImageWarmer.Functions;

/// <summary>The queue trigger (<c>%WarmQueueName%</c>): warms the one image a request names. Bad messages are recorded
/// and completed; transient failures throw, so the host retries them and, after <c>maxDequeueCount</c>, poisons them.</summary>
public sealed class WarmRequestFunction(HandleMessageOperation handler)
{
    [Function("WarmRequest")]
    public async Task RunAsync(
        [QueueTrigger("%WarmQueueName%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        await handler.RunAsync(new IncomingMessage(message.Body.ToString(), message.MessageId, message.DequeueCount), cancellationToken);
}
