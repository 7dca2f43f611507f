using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Importing;

/// <summary>One image to bring into the target registry.</summary>
/// <param name="Spec">Source, target name and origins.</param>
/// <param name="TargetRegistry">The target's login server, e.g. <c>myacr.azurecr.io</c>.</param>
/// <param name="Overwrite">Replace the tag if the target has it (a drifted floating tag under the Reimport policy).</param>
/// <param name="SourceMediaType">The source manifest's media type when the plan saw it (tells an index from a manifest).</param>
public sealed record ImportRequest(ImportSpec Spec, string TargetRegistry, bool Overwrite, string? SourceMediaType);
