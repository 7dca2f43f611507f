using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Storage.Tables;
using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>The status ledger against Azurite: trust (provenance) and prune read nothing else, so every column it
/// writes must read back, every state must survive the trip, and rows written before this version must still read.</summary>
public sealed class StatusLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string OldDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private readonly FakeTimeProvider _time = new(Now);
    private readonly string _table = $"ledger{Guid.NewGuid():n}";
    private readonly StatusLedger _ledger;
    private readonly StorageClients _storage;

    public StatusLedgerTests()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = TestServices.StorageConnectionString, LedgerTable = _table });
        _storage = new StorageClients(options, new ConfigurationBuilder().Build());
        _ledger = new StatusLedger(_storage, options, _time);
    }

    [Fact]
    public async Task RecordAsync_AnImportWithABackup_EveryColumnReadsBack()
    {
        var declared = Now.AddDays(-1);
        await _ledger.RecordDeclaredAsync([KeyValuePair.Create("team/app:1", "docker.io/library/app:1")], declared);
        await _ledger.RecordAsync(new LedgerRecord(
            "team/app:1", "docker.io/library/app:1", Digest, Digest, LedgerResult.Imported, "referrers: 502", "pipeline run 7", "imagewarmer.yaml:3")
        {
            ImportedDigest = Digest, Note = "force honoured", BackupTarget = "team/app:1-prev", BackupDigest = OldDigest,
        });

        var row = await _ledger.GetAsync("team/app:1");
        Assert.NotNull(row);
        Assert.Equal(
            ("team/app:1", "docker.io/library/app:1", Now, Digest, Digest, LedgerResult.Imported, "referrers: 502", 1, "pipeline run 7", "imagewarmer.yaml:3"),
            (row.Target, row.Source, row.LastChecked, row.SourceDigest, row.TargetDigest, row.LastResult, row.Error, row.Attempts, row.RequestedBy, row.Origins));
        Assert.Equal(("docker.io/library/app:1", Digest, "pipeline run 7", Now, "force honoured", declared, null, "team/app:1-prev"),
            (row.ImportedSource, row.ImportedDigest, row.ImportedBy, row.ImportedAt, row.Note, row.LastDeclared, row.BackupOf, row.LastBackup));

        var backup = await _ledger.GetAsync("team/app:1-prev");
        Assert.NotNull(backup);
        Assert.Equal(("docker.io/library/app:1", OldDigest, LedgerResult.Kept, "team/app:1", "docker.io/library/app:1", OldDigest, "pipeline run 7", Now),
            (backup.Source, backup.TargetDigest, backup.LastResult, backup.BackupOf, backup.ImportedSource, backup.ImportedDigest, backup.ImportedBy, backup.ImportedAt));
    }

    [Fact]
    public async Task RecordAsync_ALaterLookThatDidNotImport_CountsItAndKeepsTheProvenance()
    {
        await _ledger.RecordAsync(new LedgerRecord("app:1", "docker.io/library/app:1", Digest, Digest, LedgerResult.Imported, null, "nightly", "")
        {
            ImportedDigest = Digest,
        });
        _time.Advance(TimeSpan.FromHours(1));

        await _ledger.RecordAsync(new LedgerRecord("app:1", "docker.io/library/app:1", OldDigest, Digest, LedgerResult.Drifted, null, null, ""));

        var row = await _ledger.GetAsync("app:1");
        Assert.Equal((LedgerResult.Drifted, 2, "nightly", Digest, Now, Now.AddHours(1)),
            (row?.LastResult, row?.Attempts, row?.RequestedBy, row?.ImportedDigest, row?.ImportedAt, row?.LastChecked));
    }

    public static TheoryData<LedgerResult> Results() => [.. Enum.GetValues<LedgerResult>()];

    [Theory]
    [MemberData(nameof(Results))]
    public async Task RecordAsync_EveryState_ReadsBackAsItself_StoredAsItsWord(LedgerResult result)
    {
        await _ledger.RecordAsync(new LedgerRecord("app:1", "docker.io/library/app:1", null, null, result, null, "test", ""));

        Assert.Equal(result, (await _ledger.GetAsync("app:1"))?.LastResult);
        var stored = await Table().GetIfExistsAsync("target", "app:1");
        Assert.Equal(result.ToText(), stored?.GetString("LastResult"));
    }

    [Fact]
    public async Task GetAsync_ARowWrittenBeforeTheTypedLedger_ReadsEveryColumn()
    {
        // Exactly the names and words earlier versions wrote, spelled out here so that a rename in the code fails.
        var table = Table();
        await table.CreateIfNotExistsAsync();
        await table.AddAsync(new TableRow("target", "team|app:1")
        {
            ["Target"] = "team/app:1", ["Source"] = "docker.io/team/app:1", ["LastChecked"] = Now, ["SourceDigest"] = Digest,
            ["TargetDigest"] = Digest, ["LastResult"] = "source-missing", ["Error"] = "gone", ["Attempts"] = 3, ["RequestedBy"] = "ops",
            ["Origins"] = "Dockerfile:1", ["Note"] = "n", ["ImportedSource"] = "docker.io/team/app:1", ["ImportedDigest"] = OldDigest,
            ["ImportedBy"] = "nightly", ["ImportedAt"] = Now.AddDays(-2), ["LastDeclared"] = Now.AddDays(-1), ["BackupOf"] = "team/app:0",
            ["LastBackup"] = "team/app:1-prev",
        });

        var row = Assert.Single(await _ledger.ListAsync().ToListAsync());

        Assert.Equal(new LedgerEntry("team/app:1", "docker.io/team/app:1", Now, Digest, Digest, LedgerResult.SourceMissing, "gone", 3, "ops", "Dockerfile:1")
        {
            ImportedSource = "docker.io/team/app:1", ImportedDigest = OldDigest, ImportedBy = "nightly", ImportedAt = Now.AddDays(-2), Note = "n",
            LastDeclared = Now.AddDays(-1), BackupOf = "team/app:0", LastBackup = "team/app:1-prev",
        }, row);
    }

    [Fact]
    public async Task RecordRejectedAsync_TheReasonReadsBack_ThePayloadIsCapped()
    {
        await _ledger.RecordRejectedAsync("m-1", "not JSON", new string('x', 5000), 2);

        Assert.Equal("not JSON", await _ledger.RejectionAsync("m-1"));
        var stored = await Table().GetIfExistsAsync("rejected", "m-1");
        Assert.NotNull(stored);
        Assert.Equal((1025, 2L, Now), (stored.GetString("Payload")?.Length, stored.GetInt64("DequeueCount"), stored.GetDateTimeOffset("RejectedAt")));
    }

    private TableRestClient Table() => _storage.Table(_table);
}
