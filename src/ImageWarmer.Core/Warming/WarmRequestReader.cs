using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// Reads a queue message into an ImportSpec, or says why not. A writer to the queue may only ask for an image: the
/// source must come from an allowed registry (and, when configured, an allowed repository), and the ACR repository
/// always follows from the source (<see cref="TargetImage.TryDerive"/> under the configured prefix); a message may
/// choose another tag there, never another repository. Bad messages are rejected with the reason, never retried.
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
        if (request.Deferrals < 0)
        {
            reason = $"message says it was deferred {request.Deferrals} times; deferrals cannot be negative";
            request = null;
            return false;
        }
        return TryToSpec(request, out spec, out reason);
    }

    /// <summary>The ImportSpec a (well-formed) queue request stands for, or why it is not allowed: the checks of
    /// <see cref="TryName"/>, and a target in the repository derived from the source.</summary>
    public bool TryToSpec(WarmRequest request, [NotNullWhen(true)] out ImportSpec? spec, [NotNullWhen(false)] out string? reason)
    {
        if (!TryName(request, out spec, out reason))
        {
            return false;
        }
        if (!IsDerivedRepository(spec, out var derived))
        {
            reason = $"target '{request.Target}' is not in {derived}, the repository derived from {spec.Source.Familiar}: "
                + "a queue request names a source, and its ACR repository always follows from it";
            spec = null;
            return false;
        }
        return true;
    }

    /// <summary>The ImportSpec a request's image and target name, checked against the allow-lists but not against the
    /// queue's rule for targets: what <c>ensure</c> and <c>status</c> look up.</summary>
    public bool TryName(WarmRequest request, [NotNullWhen(true)] out ImportSpec? spec, [NotNullWhen(false)] out string? reason)
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
        if (!RepositoryAllowList.Admits(warming.Value.AllowedRepositories, source.Repository))
        {
            reason = $"source repository {source.Repository} is not in ImageWarmer:Warming:AllowedRepositories "
                + $"({string.Join(", ", warming.Value.AllowedRepositories)}; whole path segments)";
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

    /// <summary>Whether a queue message may ask for <paramref name="spec"/>: the checks <see cref="TryToSpec"/> makes of
    /// every message (allow-lists, a target in the repository derived from the source), or why not. The one answer to
    /// "can the queue take it" for <c>ensure --request</c> and the nightly run alike; what a queue cannot take is warmed
    /// by the nightly run itself.</summary>
    public bool IsQueueable(ImportSpec spec, [NotNullWhen(false)] out string? reason) =>
        TryToSpec(new WarmRequest(WarmRequest.CurrentVersion, spec.Source.FullyQualified, spec.Target.ToString(), null, false), out _, out reason);

    private bool IsDerivedRepository(ImportSpec spec, out string derived)
    {
        derived = TargetImage.TryDerive(spec.Source, discovery.Value.TargetPrefix, out var target, out _) ? target.Repository : "(none)";
        return derived == spec.Target.Repository;
    }
}
