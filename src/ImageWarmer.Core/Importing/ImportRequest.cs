using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Importing;

/// <summary>One image to bring into the target registry.</summary>
/// <param name="Spec">Source, target name and origins.</param>
/// <param name="TargetRegistry">The target's login server, e.g. <c>myacr.azurecr.io</c>.</param>
/// <param name="Overwrite">Replace the tag if the target has it (a drifted floating tag under the Reimport policy).</param>
/// <param name="SourceMediaType">The source manifest's media type when the plan saw it (tells an index from a manifest).</param>
public sealed record ImportRequest(ImportSpec Spec, string TargetRegistry, bool Overwrite, string? SourceMediaType)
{
    /// <summary>The digest the plan saw upstream: what is imported, whatever the tag says by then (a warm run always
    /// sets it). Without it, the source's own pin, else its tag.</summary>
    public string? SourceDigest { get; init; }

    /// <summary>The exact upstream image to import: <c>registry/repository@digest</c> when a digest is known.</summary>
    public ImageReference Source =>
        (SourceDigest ?? Spec.Source.Digest) is { } digest ? ImageReference.Parse($"{Spec.Source.Name}@{digest}") : Spec.Source;
}
