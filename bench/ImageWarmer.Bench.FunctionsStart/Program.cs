using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using ImageWarmer.Core;
using ImageWarmer.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// bench/functions-start.sh: `enqueue <image>` puts one warm request on the queue; `run` is one cold start of the
// worker's code path: the services Program.cs registers (ImageWarmer, its worker settings, Application Insights, the
// hosted services), started as a host, then the queue function's handler on the first message, received from the
// queue as the host's listener receives it. Prints milliseconds from process start (the kernel's record, 10 ms
// resolution) to services started, to message received, and to message handled.
var builder = Host.CreateApplicationBuilder();
var queue = new QueueClient(builder.Configuration["AzureWebJobsStorage"], builder.Configuration["WarmQueueName"],
    new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
if (args is ["enqueue", var image])
{
    await queue.CreateIfNotExistsAsync();
    await queue.SendMessageAsync($$"""{"version":1,"source":"{{image}}"}""");
    return 0;
}

builder.Configuration.AddInMemoryCollection(HostJsonSettings.Read(Path.Combine(AppContext.BaseDirectory, "host.json")));
builder.Services.AddApplicationInsightsTelemetryWorkerService();
WorkerLogging.Configure(builder.Logging);
builder.Services.AddImageWarmer(builder.Configuration).AddImageWarmerWorker();
builder.Services.AddHostedService<ApplicationInsightsMetrics>();
builder.Services.AddHostedService<StartupWarnings>();
using var host = builder.Build();
await host.StartAsync();
var started = Elapsed();

var message = (await queue.ReceiveMessageAsync()).Value ?? throw new InvalidOperationException("no message on the queue");
var received = Elapsed();
await ActivatorUtilities.CreateInstance<WarmRequestFunction>(host.Services).RunAsync(message, CancellationToken.None);
await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
var handled = Elapsed();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"started {started:F0} received {received:F0} handled {handled:F0}"));
await host.StopAsync();
return 0;

static double Elapsed() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
