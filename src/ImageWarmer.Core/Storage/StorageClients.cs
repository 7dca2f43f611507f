using System.Collections.Concurrent;
using Azure;
using ImageWarmer.Core.Failures;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ImageWarmer.Core.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Storage;

/// <summary>
/// Creates the Blob, Queue and Table clients from configuration, once each, only when something needs them: a
/// connection string (<c>ImageWarmer:Storage:ConnectionString</c>, else <c>AzureWebJobsStorage</c>), or service URIs
/// reached with <c>DefaultAzureCredential</c> (<c>ImageWarmer:Storage:BlobServiceUri</c>…, else the Functions host's
/// identity-based <c>AzureWebJobsStorage__blobServiceUri</c>…). Tables go through our own REST client
/// (<see cref="TableRestClient"/>), which Native AOT compiles, with the retries of <see cref="TableRetry"/>.
/// </summary>
public sealed class StorageClients(IOptions<StorageOptions> options, IConfiguration configuration, TimeProvider? time = null)
{
    private readonly Lazy<BlobServiceClient> _blobs = new(() => Create(options.Value, configuration, "blob",
        cs => new BlobServiceClient(cs), (uri, credential) => new BlobServiceClient(uri, credential)));

    private readonly Lazy<QueueServiceClient> _queues = new(() => Create(options.Value, configuration, "queue",
        // The Functions host reads queue messages as base64 (host.json messageEncoding): write them so.
        cs => new QueueServiceClient(cs, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
        (uri, credential) => new QueueServiceClient(uri, credential, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })));

    private readonly Lazy<QueueServiceClient> _rawQueues = new(() => Create(options.Value, configuration, "queue",
        cs => new QueueServiceClient(cs), (uri, credential) => new QueueServiceClient(uri, credential)));

    private readonly Lazy<TableAccount> _tables = new(() => Create(options.Value, configuration, "table",
        TableAccount.FromConnectionString, (uri, credential) => new TableAccount(uri, new BearerTokenAuthorization(credential, time ?? TimeProvider.System))));

    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);

    /// <summary>Whether storage is reached with a connection string (Azurite, local runs: ImageWarmer creates its own
    /// tables, queues and containers) rather than an identity in Azure, where the template creates them.</summary>
    public bool UsesConnectionString =>
        (options.Value.BlobServiceUri ?? options.Value.QueueServiceUri ?? options.Value.TableServiceUri) is null
        && !Uri.TryCreate(configuration["AzureWebJobsStorage:blobServiceUri"] ?? configuration["AzureWebJobsStorage:queueServiceUri"]
            ?? configuration["AzureWebJobsStorage:tableServiceUri"], UriKind.Absolute, out _);

    /// <summary>Creates a table, queue or container (named <paramref name="key"/>) once per process, and only with a
    /// connection string. In Azure the template created it, and a role scoped to that one table or queue cannot make
    /// the service-level create call (403): asking on every use would fail every message.</summary>
    public async Task EnsureCreatedAsync(string key, Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        if (!UsesConnectionString || _created.ContainsKey(key))
        {
            return;
        }
        try
        {
            await create(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            // Not ours to create (a key without account rights, a scoped SAS): it has to exist already.
        }
        _created[key] = true;
    }

    /// <summary>The account's Blob service.</summary>
    /// <exception cref="ConfigurationException">No storage is configured.</exception>
    public BlobServiceClient Blobs => _blobs.Value;

    /// <summary>The account's Queue service (base64 messages).</summary>
    public QueueServiceClient Queues => _queues.Value;

    /// <summary>The account's Queue service with messages as raw text (a worker decodes them itself, one by one).</summary>
    public QueueServiceClient RawQueues => _rawQueues.Value;

    /// <summary>One table of the account's Table service.</summary>
    /// <exception cref="ConfigurationException">No storage is configured.</exception>
    public TableRestClient Table(string name) => new(TableHttp.Value, _tables.Value, name, time ?? TimeProvider.System);

    // One connection pool for the Table service, shared, as HttpClient is meant to be; apart from the registry clients'
    // handler chain (as the Blob and Queue clients are, with Azure.Core's own transport).
    private static readonly Lazy<HttpClient> TableHttp = new(TableRetry.CreateClient);

    /// <summary>Whether a Table service is configured at all (an endpoint or a connection string), without reaching it.</summary>
    public bool HasTables =>
        options.Value.TableServiceUri is not null
        || Uri.TryCreate(configuration["AzureWebJobsStorage:tableServiceUri"], UriKind.Absolute, out _)
        || !string.IsNullOrWhiteSpace(options.Value.ConnectionString ?? configuration["AzureWebJobsStorage"]);

    private static T Create<T>(
        StorageOptions options, IConfiguration configuration, string service, Func<string, T> fromConnectionString, Func<Uri, DefaultAzureCredential, T> fromUri)
    {
        var uri = service switch
        {
            "blob" => options.BlobServiceUri,
            "queue" => options.QueueServiceUri,
            _ => options.TableServiceUri,
        } ?? (Uri.TryCreate(configuration[$"AzureWebJobsStorage:{service}ServiceUri"], UriKind.Absolute, out var hostUri) ? hostUri : null);
        if (uri is not null)
        {
            return fromUri(uri, new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = configuration["AzureWebJobsStorage:clientId"],
            }));
        }
        var connectionString = options.ConnectionString ?? configuration["AzureWebJobsStorage"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException(
                $"No storage is configured: set ImageWarmer__Storage__ConnectionString (or AzureWebJobsStorage), or ImageWarmer__Storage__{char.ToUpperInvariant(service[0])}{service[1..]}ServiceUri");
        }
        try
        {
            return fromConnectionString(connectionString);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException($"The storage connection string is not valid: {e.Message}", e);
        }
    }
}
