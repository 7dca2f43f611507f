using System.Text;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Storage.Tables;
using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>A ledger table written before ImageWarmer had its own Table client (by Azure.Data.Tables 12.11) reads the
/// same through it, and later writes keep its columns and their types, against Azurite.</summary>
public sealed class StatusLedgerTableTests
{
    // One row as Azure.Data.Tables wrote it: DateTimeOffset as an annotated Edm.DateTime, an int as Edm.Int32.
    private const string RecordedRow = """
        {"PartitionKey":"target","RowKey":"team|app:1.0","Target":"team/app:1.0","Source":"docker.io/team/app:1.0",
         "LastChecked@odata.type":"Edm.DateTime","LastChecked":"2026-11-27T03:00:00.1234567Z","SourceDigest":"sha256:aa",
         "TargetDigest":"sha256:aa","LastResult":"imported","Attempts":3,"RequestedBy":"nightly","Origins":"bundle/porter.yaml:12",
         "ImportedSource":"docker.io/team/app:1.0","ImportedDigest":"sha256:aa","ImportedBy":"nightly",
         "ImportedAt@odata.type":"Edm.DateTime","ImportedAt":"2026-11-27T03:00:00Z",
         "LastDeclared@odata.type":"Edm.DateTime","LastDeclared":"2026-11-28T03:00:00Z"}
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
    private readonly StorageOptions _options = new() { ConnectionString = TestServices.StorageConnectionString, LedgerTable = "l" + Guid.NewGuid().ToString("n")[..16] };
    private readonly StorageClients _storage;
    private readonly StatusLedger _ledger;

    public StatusLedgerTableTests()
    {
        _storage = new StorageClients(Options.Create(_options), new ConfigurationBuilder().Build(), _time);
        _ledger = new StatusLedger(_storage, Options.Create(_options), _time);
    }

    [Fact]
    public async Task RowWrittenByAzureDataTables_ReadsTheSame_AndARecordKeepsItsProvenance()
    {
        var table = _storage.Table(_options.LedgerTable);
        await table.CreateIfNotExistsAsync();
        using (var insert = await table.SendAsync(HttpMethod.Post, table.Uri(_options.LedgerTable),
            new StringContent(RecordedRow, Encoding.UTF8, "application/json")))
        {
            await TableRestClient.EnsureSuccessAsync(insert, CancellationToken.None);
        }

        var before = await _ledger.GetAsync("team/app:1.0");
        await _ledger.RecordAsync(new LedgerRecord("team/app:1.0", "docker.io/team/app:1.0", "sha256:aa", "sha256:aa", LedgerResult.Present, null, null, "bundle/porter.yaml:12"));
        var after = await _ledger.GetAsync("team/app:1.0");
        var listed = await _ledger.ListAsync().ToListAsync();

        Assert.Equal(new LedgerEntry("team/app:1.0", "docker.io/team/app:1.0", DateTimeOffset.Parse("2026-11-27T03:00:00.1234567Z"), "sha256:aa",
            "sha256:aa", LedgerResult.Imported, null, 3, "nightly", "bundle/porter.yaml:12")
        {
            ImportedSource = "docker.io/team/app:1.0", ImportedDigest = "sha256:aa", ImportedBy = "nightly",
            ImportedAt = DateTimeOffset.Parse("2026-11-27T03:00:00Z"), LastDeclared = DateTimeOffset.Parse("2026-11-28T03:00:00Z"),
        }, before);
        Assert.NotNull(after);
        Assert.Equal<(int, LedgerResult?, string?, DateTimeOffset?)>((4, LedgerResult.Present, "nightly", _time.GetUtcNow()), (after.Attempts, after.LastResult, after.RequestedBy, after.LastChecked));
        Assert.Equal((before!.ImportedSource, before.ImportedAt, before.LastDeclared), (after.ImportedSource, after.ImportedAt, after.LastDeclared));
        Assert.Equal([after], listed);
    }

    [Fact]
    public async Task RecordDeclared_MoreThanABatch_EveryRowMerged_AndRejectionsKeptApart()
    {
        var targets = Enumerable.Range(0, 230).Select(i => KeyValuePair.Create($"team/app{i}:1.0", $"docker.io/team/app{i}:1.0")).ToList();

        await _ledger.RecordDeclaredAsync(targets, _time.GetUtcNow());
        await _ledger.RecordRejectedAsync("m1", "not allowed", new string('x', 2000), 5_000_000_000);
        var rows = await _ledger.ListAsync().ToListAsync();

        Assert.Equal(230, rows.Count);
        Assert.All(rows, row => Assert.Equal(_time.GetUtcNow(), row.LastDeclared));
        Assert.Equal("not allowed", await _ledger.RejectionAsync("m1"));
        var rejected = await _storage.Table(_options.LedgerTable).GetIfExistsAsync("rejected", "m1");
        Assert.Equal(5_000_000_000, rejected!.GetInt64("DequeueCount"));
        Assert.Equal(1025, rejected.GetString("Payload")!.Length); // capped, with an ellipsis
    }
}
