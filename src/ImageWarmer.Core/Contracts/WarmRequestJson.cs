using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Contracts;

/// <summary>Source-generated JSON for queue messages: strict about numbers, lenient about extra fields.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(WarmRequest))]
internal sealed partial class WarmRequestJson : JsonSerializerContext;
