using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>Source-generated JSON for the import call.</summary>
[JsonSerializable(typeof(AcrImportRequest))]
[JsonSerializable(typeof(ArmResponse))]
internal sealed partial class AcrImportJson : JsonSerializerContext;
