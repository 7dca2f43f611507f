using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>The body of ARM <c>importImage</c>: <c>{"source":{"registryUri","sourceImage","credentials"?},"targetTags":[…],"mode"}</c>.</summary>
public sealed record AcrImportRequest(
    [property: JsonPropertyName("source")] AcrImportSource Source,
    [property: JsonPropertyName("targetTags")] IReadOnlyList<string> TargetTags,
    [property: JsonPropertyName("mode")] string Mode);
