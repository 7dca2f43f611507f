using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The timer and queue functions arrive with the warm service (issue 5); the host already builds.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Build().Run();
