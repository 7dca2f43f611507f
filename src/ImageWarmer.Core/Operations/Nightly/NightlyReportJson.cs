using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Operations.Nightly;

/// <summary>Source-generated JSON for the nightly report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(NightlyReport))]
internal sealed partial class NightlyReportJson : JsonSerializerContext;
