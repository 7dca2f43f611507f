using System.Text.Json.Serialization;

namespace ImageWarmer.Cli.Output;

/// <summary>Source-generated JSON for the CLI's machine output: camelCase, indented, stable field order.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ScanJson))]
[JsonSerializable(typeof(PlanJson))]
[JsonSerializable(typeof(WarmJson))]
[JsonSerializable(typeof(EnsureJson))]
[JsonSerializable(typeof(LockJson))]
[JsonSerializable(typeof(MessageJson))]
[JsonSerializable(typeof(NightlyJson))]
[JsonSerializable(typeof(WorkerJson))]
[JsonSerializable(typeof(SnapshotJson))]
[JsonSerializable(typeof(PinJson))]
[JsonSerializable(typeof(PruneJson))]
[JsonSerializable(typeof(MirrorJson))]
[JsonSerializable(typeof(List<ImageWarmer.Core.Contracts.LedgerEntry>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
