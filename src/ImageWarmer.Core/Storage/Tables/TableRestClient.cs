using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// One table of Azure Table storage over its REST API: create the table, read, insert, replace or merge (with an ETag
/// or unconditionally), delete and query rows, and write a batch (<see cref="TableBatch"/>). Our own small client
/// because Azure.Data.Tables binds entities by reflection, which Native AOT cannot compile. Every failure the service
/// answers is a <see cref="RequestFailedException"/> with the status and the service's error code, as the Azure SDK's
/// clients throw, so one mapping (<c>Failure.KindOf</c>) reads them all. Every body is read with a cap.
/// See https://learn.microsoft.com/rest/api/storageservices/table-service-rest-api.
/// </summary>
public sealed class TableRestClient(HttpClient http, TableAccount account, string table, TimeProvider time)
{
    // The service pages at 1,000 entities of at most 1 MiB of properties each; ledger rows are a few hundred bytes.
    internal const int MaxResponseBytes = 32 * 1024 * 1024;

    // 2019-02-02 is the first version the Table service takes Entra ID tokens with.
    private const string ServiceVersion = "2019-02-02";

    /// <summary>The table's name.</summary>
    public string Name { get; } = table;

    /// <summary>Creates the table; one that already exists is left as it is.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var content = Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("TableName", Name);
            json.WriteEndObject();
        });
        using var response = await SendAsync(HttpMethod.Post, Uri("Tables"), content, cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    /// <summary>The row with these keys, or null when there is none.</summary>
    public async Task<TableRow?> GetIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, EntityUri(partitionKey, rowKey), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, cancellationToken));
        return TableRowJson.Read(body.RootElement, response.Headers.ETag?.ToString());
    }

    /// <summary>Inserts a new row; a row with its keys already there is a 409 <see cref="RequestFailedException"/>.</summary>
    public Task AddAsync(TableRow row, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Post, Uri(Name), row, ifMatch: null, cancellationToken);

    /// <summary>Writes a row only if it still has <paramref name="etag"/> (a 412 <see cref="RequestFailedException"/>
    /// when someone wrote it since).</summary>
    public Task UpdateAsync(TableRow row, string etag, TableUpdateMode mode, CancellationToken cancellationToken = default) =>
        WriteAsync(MethodOf(mode), EntityUri(row.PartitionKey, row.RowKey), row, etag, cancellationToken);

    /// <summary>Inserts the row, or replaces or merges into the one there, whoever wrote it last.</summary>
    public Task UpsertAsync(TableRow row, TableUpdateMode mode, CancellationToken cancellationToken = default) =>
        WriteAsync(MethodOf(mode), EntityUri(row.PartitionKey, row.RowKey), row, ifMatch: null, cancellationToken);

    /// <summary>Deletes the row with these keys; one that is not there is no error.</summary>
    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, EntityUri(partitionKey, rowKey), ifMatch: "*", cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    /// <summary>Every row matching an OData <paramref name="filter"/> (build it with <see cref="Equal"/>), page after page:
    /// the service says where the next page starts in its continuation headers.</summary>
    public async IAsyncEnumerable<TableRow> QueryAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? nextPartition = null, nextRow = null;
        do
        {
            var query = "$filter=" + System.Uri.EscapeDataString(filter)
                + (nextPartition is null ? "" : "&NextPartitionKey=" + System.Uri.EscapeDataString(nextPartition))
                + (nextRow is null ? "" : "&NextRowKey=" + System.Uri.EscapeDataString(nextRow));
            List<TableRow> page;
            using (var response = await SendAsync(HttpMethod.Get, Uri($"{Name}()", query), cancellationToken: cancellationToken))
            {
                await EnsureSuccessAsync(response, cancellationToken);
                using var body = JsonDocument.Parse(await BoundedContent.ReadAsync(response.Content, MaxResponseBytes, cancellationToken));
                page = [.. body.RootElement.GetProperty("value").EnumerateArray().Select(entity => TableRowJson.Read(entity))];
                nextPartition = Header(response, "x-ms-continuation-NextPartitionKey");
                nextRow = Header(response, "x-ms-continuation-NextRowKey");
            }
            foreach (var row in page)
            {
                yield return row;
            }
        }
        while (nextPartition is not null);
    }

    /// <summary>An OData filter <c>column eq 'value'</c>, the value quoted as OData quotes strings.</summary>
    public static string Equal(string column, string value) => $"{column} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>Sends a prepared request with the service's headers and authorization (the batch uses it too).</summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, HttpContent? content = null, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Add("x-ms-version", ServiceVersion);
        request.Headers.Add("x-ms-date", time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("DataServiceVersion", "3.0");
        request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.Accept.ParseAdd("application/json;odata=minimalmetadata");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (content is not null && method != HttpMethod.Get)
        {
            request.Headers.Add("Prefer", "return-no-content");
        }
        await account.Authorization.AuthorizeAsync(request, cancellationToken);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>A URI under the account's Table endpoint.</summary>
    internal Uri Uri(string path, string? query = null)
    {
        var builder = new UriBuilder(account.Endpoint);
        builder.Path = builder.Path.TrimEnd('/') + "/" + path;
        builder.Query = query ?? "";
        return builder.Uri;
    }

    /// <summary>The entity's address: <c>table(PartitionKey='…',RowKey='…')</c>, quotes doubled, the keys escaped.</summary>
    internal Uri EntityUri(string partitionKey, string rowKey) =>
        Uri($"{Name}(PartitionKey='{Key(partitionKey)}',RowKey='{Key(rowKey)}')");

    /// <summary>A body of JSON written by <paramref name="write"/>.</summary>
    internal static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Throws the service's refusal as a <see cref="RequestFailedException"/>, unless it succeeded.</summary>
    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await TableServiceError.FromResponseAsync(response, cancellationToken);
        }
    }

    private async Task WriteAsync(HttpMethod method, Uri uri, TableRow row, string? ifMatch, CancellationToken cancellationToken)
    {
        using var content = Json(json => TableRowJson.Write(json, row));
        using var response = await SendAsync(method, uri, content, ifMatch, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        row.ETag = response.Headers.ETag?.ToString() ?? row.ETag;
    }

    internal static HttpMethod MethodOf(TableUpdateMode mode) => mode == TableUpdateMode.Merge ? Merge : HttpMethod.Put;

    private static readonly HttpMethod Merge = new("MERGE");

    private static string Key(string key) => System.Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
