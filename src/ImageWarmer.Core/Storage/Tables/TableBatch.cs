using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// An entity group transaction: up to 100 writes to rows of one partition in one request, all applied or none. The
/// body is a <c>multipart/mixed</c> batch holding one change set of HTTP requests; the answer holds one HTTP response
/// per request, or the one that failed. See
/// https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions.
/// </summary>
public static class TableBatch
{
    /// <summary>The most writes one transaction may hold.</summary>
    public const int MaxWrites = 100;

    /// <summary>Inserts or merges/replaces every row of <paramref name="rows"/> (one partition, at most
    /// <see cref="MaxWrites"/>) in one transaction.</summary>
    public static async Task UpsertAsync(this TableRestClient table, IReadOnlyList<TableRow> rows, TableUpdateMode mode, CancellationToken cancellationToken = default)
    {
        if (rows.Count is 0 or > MaxWrites || rows.Any(r => r.PartitionKey != rows[0].PartitionKey))
        {
            throw new ArgumentException($"a transaction writes 1 to {MaxWrites} rows of one partition", nameof(rows));
        }
        var batch = "batch_" + Guid.NewGuid().ToString("n");
        var changeSet = "changeset_" + Guid.NewGuid().ToString("n");
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeSet}\r\n\r\n");
        foreach (var row in rows)
        {
            using var json = TableRestClient.Json(writer => TableRowJson.Write(writer, row));
            body.Append(CultureInfo.InvariantCulture, $"--{changeSet}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append(CultureInfo.InvariantCulture, $"{TableRestClient.MethodOf(mode).Method} {table.EntityUri(row.PartitionKey, row.RowKey)} HTTP/1.1\r\n")
                .Append("Content-Type: application/json\r\nAccept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n\r\n")
                .Append(await json.ReadAsStringAsync(cancellationToken)).Append("\r\n");
        }
        body.Append(CultureInfo.InvariantCulture, $"--{changeSet}--\r\n\r\n--{batch}--\r\n");

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
        using var response = await table.SendAsync(HttpMethod.Post, table.Uri("$batch"), content, cancellationToken: cancellationToken);
        await TableRestClient.EnsureSuccessAsync(response, cancellationToken);
        var answer = Encoding.UTF8.GetString(await BoundedContent.ReadAsync(response.Content, TableRestClient.MaxResponseBytes, cancellationToken));
        if (FirstFailure(answer) is { } failure)
        {
            throw failure;
        }
    }

    // The batch itself is accepted (202) even when a write in it fails: the change set's answer then holds that
    // write's error response instead of one success per write.
    private static RequestFailedException? FirstFailure(string answer)
    {
        foreach (var line in answer.Split('\n'))
        {
            if (line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(9, Math.Min(3, line.Length - 9)), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                && status is < 200 or > 299)
            {
                var code = answer.Split('"').SkipWhile(part => part != "code").Skip(2).FirstOrDefault();
                return new RequestFailedException(status, $"{status} {code ?? line[9..].Trim()} (in a batch)", code, null);
            }
        }
        return null;
    }
}
