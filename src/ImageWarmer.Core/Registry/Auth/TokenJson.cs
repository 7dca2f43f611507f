using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>Source-generated JSON for token responses.</summary>
[JsonSerializable(typeof(TokenEndpoint.TokenResponse))]
internal sealed partial class TokenJson : JsonSerializerContext;
