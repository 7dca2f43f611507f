using ImageWarmer.Core;
using ImageWarmer.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(HostJsonSettings.Read(Path.Combine(AppContext.BaseDirectory, "host.json")));
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
WorkerLogging.Configure(builder.Logging);
// Missing or wrong settings stop the app at start-up (ValidateOnStart), before any message is dequeued.
builder.Services.AddImageWarmer(builder.Configuration).AddImageWarmerWorker();
builder.Services.AddHostedService<ApplicationInsightsMetrics>();
builder.Services.AddHostedService<StartupWarnings>();
builder.Build().Run();
