using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// Reads a queue message into an ImportSpec, or says why not. A writer to the queue must not be able to make ACR
/// import arbitrary images: the source must come from an allowed registry (and, when configured, an allowed
/// repository prefix). Bad messages are rejected with the reason, never retried.
/// </summary>
public sealed class WarmRequestReader(IOptions<DiscoveryOptions> discovery, IOptions<WarmingOptions> warming)
{
    /// <summary>Largest message read (the queue allows 64 KiB; a warm request is a few hundred bytes).</summary>
    public const int MaxMessageBytes = 8 * 1024;

    /// <summary>Parses and checks <paramref name="text"/> (already base64-decoded).</summary>
    public bool TryRead(string text, [NotNullWhen(true)] out WarmRequest? request, [NotNullWhen(true)] out ImportSpec? spec, [NotNullWhen(false)] out string? reason)
    {
        request = null;
        spec = null;
        if (text.Length > MaxMessageBytes)
        {
            reason = $"message is {text.Length:N0} characters; a warm request is at most {MaxMessageBytes:N0}";
            return false;
        }
        try
        {
            request = JsonSerializer.Deserialize(text, WarmRequestJson.Default.WarmRequest);
        }
        catch (JsonException e)
        {
            reason = $"message is not a warm request in JSON: {e.Message}";
            return false;
        }
        if (request is null || request.Version != WarmRequest.CurrentVersion)
        {
            reason = $"message version {request?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} is not supported (this ImageWarmer reads version {WarmRequest.CurrentVersion})";
            request = null;
            return false;
        }
        return TryToSpec(request, out spec, out reason);
    }

    /// <summary>The ImportSpec a (well-formed) request stands for, or why it is not allowed.</summary>
    public bool TryToSpec(WarmRequest request, [NotNullWhen(true)] out ImportSpec? spec, [NotNullWhen(false)] out string? reason)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(request.Source))
        {
            reason = "message has no source image";
            return false;
        }
        if (!ImageReference.TryParse(request.Source, out var source, out var error))
        {
            reason = $"source '{request.Source}' is not a valid image reference: {error}";
            return false;
        }
        var allowed = discovery.Value.EffectiveSourceRegistries;
        if (!allowed.Contains(source.Registry))
        {
            reason = $"source registry {source.Registry} is not allowed (allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))})";
            return false;
        }
        var repositories = warming.Value.AllowedRepositories;
        if (repositories is { Count: > 0 } && !repositories.Any(prefix => source.Repository.StartsWith(prefix, StringComparison.Ordinal)))
        {
            reason = $"source repository {source.Repository} is not in ImageWarmer:Warming:AllowedRepositories";
            return false;
        }
        TargetImage? target;
        if (request.Target is { } named
            ? !TargetImage.TryParse(named, TargetImage.DefaultTagFor(source), out target, out error)
            : !TargetImage.TryDerive(source, discovery.Value.TargetPrefix, out target, out error))
        {
            reason = $"target '{request.Target ?? source.Repository}' is not a valid ACR repository[:tag]: {error}";
            return false;
        }
        spec = new ImportSpec(source, target, [new ImageOrigin("queue", 0, ManifestKind.Catalog)]);
        reason = null;
        return true;
    }
}
