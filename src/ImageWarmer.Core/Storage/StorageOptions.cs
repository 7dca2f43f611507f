namespace ImageWarmer.Core.Storage;

/// <summary>How ImageWarmer reaches Azure Storage. Section <c>ImageWarmer:Storage</c>; without either setting the
/// Functions host's <c>AzureWebJobsStorage</c> connection string is used.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Storage";

    /// <summary>A storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, reached with <c>DefaultAzureCredential</c> (managed identity in Azure).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The queue endpoint, reached with <c>DefaultAzureCredential</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The table endpoint, reached with <c>DefaultAzureCredential</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The queue of warm requests (the Functions app setting <c>WarmQueueName</c> names it too).</summary>
    public string QueueName { get; set; } = "warm-requests";

    /// <summary>Tries of a message before <c>imagewarmer worker</c> moves it to the poison queue (host.json says the same
    /// for the Functions host).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The status ledger's table.</summary>
    public string LedgerTable { get; set; } = "warmstatus";

    /// <summary>The target registry whose rows are the ledger's first partition (<c>target</c>), where every row written
    /// before rows were kept per registry lies; other registries' rows lie in partitions of their own
    /// (<c>target@&lt;host&gt;</c>). Default: <c>ImageWarmer:Planning:TargetRegistry</c>.</summary>
    public string? LedgerRegistry { get; set; }

    /// <summary>The container of run reports.</summary>
    public string ReportsContainer { get; set; } = "warm-reports";
}
