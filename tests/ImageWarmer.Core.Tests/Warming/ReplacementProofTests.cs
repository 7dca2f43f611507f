using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Warming;
using ImageWarmer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Warming;

/// <summary>The proof a tag needs before it is replaced, read from a ledger in Azurite: the row says ImageWarmer
/// imported it from the same repository and the tag still holds that import's digest; each way it fails says why.</summary>
public sealed class ReplacementProofTests
{
    private const string Registry = "team.azurecr.io";
    private const string Imported = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Repushed = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private readonly PlanItem _item = new(TestSpecs.For("docker.io/library/app:1"), PlanStatus.Drifted, Repushed, Imported, null);
    private readonly StatusLedger _ledger = Ledger(TestServices.StorageConnectionString);

    [Fact]
    public async Task Objection_TheLedgerShowsThisImportAndTheTagStillHoldsIt_NoObjection()
    {
        await RecordImportAsync("docker.io/library/app:1", Imported);

        Assert.Null(await new ReplacementProof(_ledger).ObjectionAsync(_item, Registry));
    }

    [Fact]
    public async Task Objection_TheTagHoldsAnotherDigestThanImported_SomeoneElsePutItThere()
    {
        await RecordImportAsync("docker.io/library/app:1", Repushed);

        Assert.Equal($"kept: {_item.Spec.Target} holds {Imported}, not the {Repushed} ImageWarmer imported: someone else put it there",
            await new ReplacementProof(_ledger).ObjectionAsync(_item, Registry));
    }

    [Fact]
    public async Task Objection_ImportedFromAnotherRepository_SaysWhatTheLedgerShows()
    {
        await RecordImportAsync("docker.io/other/app:1", Imported);

        Assert.Equal($"kept: the ledger does not show that ImageWarmer imported {_item.Spec.Target} from docker.io/library/app (it shows docker.io/other/app:1)",
            await new ReplacementProof(_ledger).ObjectionAsync(_item, Registry));
    }

    [Fact]
    public async Task Objection_NoRowInThisRegistrysLedger_NoProof()
    {
        await RecordImportAsync("docker.io/library/app:1", Imported, registry: "other.azurecr.io");

        Assert.Equal($"kept: the ledger does not show that ImageWarmer imported {_item.Spec.Target} from docker.io/library/app",
            await new ReplacementProof(_ledger).ObjectionAsync(_item, Registry));
    }

    [Fact]
    public async Task Objection_NoLedger_NothingProvesIt()
    {
        Assert.Equal($"kept: without the status ledger (ImageWarmer:Storage) nothing proves ImageWarmer wrote {_item.Spec.Target}",
            await new ReplacementProof(Ledger(null)).ObjectionAsync(_item, Registry));
    }

    private Task RecordImportAsync(string source, string digest, string registry = Registry) =>
        _ledger.For(registry).RecordAsync(new LedgerRecord(_item.Spec.Target.ToString(), source, digest, digest, LedgerResult.Imported, null, "test", "")
        {
            ImportedDigest = digest,
        });

    private static StatusLedger Ledger(string? connectionString)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = connectionString, LedgerTable = $"proof{Guid.NewGuid():n}" });
        return new StatusLedger(new StorageClients(options, new ConfigurationBuilder().Build()), options, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
    }
}
