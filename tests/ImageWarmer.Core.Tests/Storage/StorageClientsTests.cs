using Azure;
using ImageWarmer.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>Tables, queues and containers are created by ImageWarmer only where it owns the account (a connection
/// string), once; in Azure the template creates them and a scoped role may not.</summary>
public sealed class StorageClientsTests
{
    [Fact]
    public async Task EnsureCreated_ConnectionString_CreatesOnceNotOnEveryUse()
    {
        var clients = Clients(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        var creates = 0;

        for (var i = 0; i < 3; i++)
        {
            await clients.EnsureCreatedAsync("table/warmstatus", _ => { creates++; return Task.CompletedTask; }, CancellationToken.None);
        }

        Assert.True(clients.UsesConnectionString);
        Assert.Equal(1, creates);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:tableServiceUri")]
    [InlineData("ImageWarmer:Storage:TableServiceUri")]
    public async Task EnsureCreated_IdentityBasedStorage_NeverCreates(string setting)
    {
        var clients = Clients(new() { [setting] = "https://account.table.core.windows.net/" });
        var creates = 0;

        await clients.EnsureCreatedAsync("table/warmstatus", _ => { creates++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.False(clients.UsesConnectionString);
        Assert.Equal(0, creates);
    }

    [Fact]
    public async Task EnsureCreated_CreateRefused403_TakenAsNotOursAndNotAskedAgain()
    {
        var clients = Clients(new() { ["ImageWarmer:Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        var creates = 0;
        Task Refuse(CancellationToken _)
        {
            creates++;
            throw new RequestFailedException(403, "This request is not authorized to perform this operation.");
        }

        await clients.EnsureCreatedAsync("queue/warm-requests", Refuse, CancellationToken.None);
        await clients.EnsureCreatedAsync("queue/warm-requests", Refuse, CancellationToken.None);

        Assert.Equal(1, creates);
        await Assert.ThrowsAsync<RequestFailedException>(() => clients.EnsureCreatedAsync("queue/other",
            _ => throw new RequestFailedException(500, "boom"), CancellationToken.None));
    }

    private static StorageClients Clients(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);
        return new StorageClients(Options.Create(options), configuration);
    }
}
