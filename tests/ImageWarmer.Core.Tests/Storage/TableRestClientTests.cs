using System.Net;
using System.Text;
using Azure;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Storage.Tables;
using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>Our Table storage REST client against Azurite, which checks every Shared Key signature: rows of every type
/// round-trip, ETags guard writes, queries follow continuation headers past a page, a batch is all or nothing.</summary>
public sealed class TableRestClientTests
{
    private readonly TableRestClient _table = new StorageClients(
        Options.Create(new StorageOptions { ConnectionString = TestServices.StorageConnectionString }),
        new ConfigurationBuilder().Build()).Table("t" + Guid.NewGuid().ToString("n")[..16]);

    [Fact]
    public async Task UpsertThenGet_EveryType_ReadsBackAsWritten()
    {
        await _table.CreateIfNotExistsAsync();
        await _table.CreateIfNotExistsAsync(); // a second create is no error
        var at = new DateTimeOffset(2026, 11, 29, 8, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var id = Guid.NewGuid();
        var row = new TableRow("p", "a|b'c d") // a quote and a space in the key; '/' never reaches a key (StatusLedger maps it)
        {
            ["Text"] = "héllo \"quoted\"", ["Count"] = 7, ["Big"] = 5_000_000_000L, ["At"] = at,
            ["Ratio"] = 2.0, ["Flag"] = true, ["Id"] = id, ["Bytes"] = new byte[] { 0, 1, 255 }, ["Gone"] = null,
        };

        await _table.UpsertAsync(row, TableUpdateMode.Replace);
        var read = await _table.GetIfExistsAsync("p", "a|b'c d");

        Assert.NotNull(read);
        Assert.Equal("héllo \"quoted\"", read.GetString("Text"));
        Assert.Equal(7, read.GetInt32("Count"));
        Assert.Equal(5_000_000_000L, read.GetInt64("Big"));
        Assert.Null(read.GetInt32("Big")); // does not fit
        Assert.Equal(at, read.GetDateTimeOffset("At"));
        Assert.Equal(2.0, read["Ratio"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 255 }, read["Bytes"]);
        Assert.Null(read["Gone"]);
        Assert.NotNull(read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Null(await _table.GetIfExistsAsync("p", "nothing"));
    }

    [Fact]
    public async Task Update_StaleETag_Is412_AndMergeKeepsOtherColumns()
    {
        await _table.CreateIfNotExistsAsync();
        await _table.AddAsync(new TableRow("p", "r") { ["A"] = "1", ["B"] = "1" });
        var first = (await _table.GetIfExistsAsync("p", "r"))!;
        var duplicate = await Assert.ThrowsAsync<RequestFailedException>(() => _table.AddAsync(new TableRow("p", "r")));

        await _table.UpdateAsync(new TableRow("p", "r") { ["A"] = "2" }, first.ETag!, TableUpdateMode.Merge);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => _table.UpdateAsync(new TableRow("p", "r") { ["A"] = "3" }, first.ETag!, TableUpdateMode.Replace));
        var merged = (await _table.GetIfExistsAsync("p", "r"))!;

        Assert.Equal(409, duplicate.Status);
        Assert.Equal("EntityAlreadyExists", duplicate.ErrorCode);
        Assert.Equal(412, stale.Status);
        Assert.Equal(("2", "1"), (merged.GetString("A"), merged.GetString("B")));
        await _table.DeleteAsync("p", "r");
        await _table.DeleteAsync("p", "r"); // already gone: no error
        Assert.Null(await _table.GetIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Query_MoreThanOnePage_FollowsTheContinuationHeaders()
    {
        await _table.CreateIfNotExistsAsync();
        const int Rows = 1_050; // the service pages at 1,000
        foreach (var batch in Enumerable.Range(0, Rows).Chunk(TableBatch.MaxWrites))
        {
            await _table.UpsertAsync([.. batch.Select(i => new TableRow("many", $"{i:D5}") { ["N"] = i })], TableUpdateMode.Merge);
        }
        await _table.UpsertAsync(new TableRow("other", "o'neil") { ["N"] = -1 }, TableUpdateMode.Merge);

        var many = await _table.QueryAsync(TableRestClient.Equal("PartitionKey", "many")).ToListAsync();
        var quoted = await _table.QueryAsync(TableRestClient.Equal("RowKey", "o'neil")).ToListAsync();

        Assert.Equal(Enumerable.Range(0, Rows), many.Select(r => r.GetInt32("N")!.Value));
        Assert.Equal([-1], quoted.Select(r => r.GetInt32("N")!.Value));
    }

    [Fact]
    public async Task Batch_OneWriteRefused_NothingWritten()
    {
        await _table.CreateIfNotExistsAsync();
        var rows = new[] { new TableRow("p", "ok") { ["A"] = "1" }, new TableRow("p", "bad") { ["A"] = new string('x', 40_000) } };

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => _table.UpsertAsync(rows, TableUpdateMode.Merge));

        Assert.InRange(refused.Status, 400, 499);
        Assert.Null(await _table.GetIfExistsAsync("p", "ok"));
    }

    [Fact]
    public async Task WrongAccountKey_RefusedWith403_NamingTheServiceError()
    {
        var wrongKey = TestServices.StorageConnectionString.Split(';')
            .Select(p => p.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + Convert.ToBase64String(Encoding.UTF8.GetBytes("not the key")) : p);
        var table = new StorageClients(Options.Create(new StorageOptions { ConnectionString = string.Join(';', wrongKey) }),
            new ConfigurationBuilder().Build()).Table(_table.Name);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("AuthorizationFailure", refused.ErrorCode);
    }
}
