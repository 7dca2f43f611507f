using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;

namespace ImageWarmer.Testing;

/// <summary>ImportSpecs as discovery would make them, for tests that start after discovery.</summary>
public static class TestSpecs
{
    /// <summary>The spec of <paramref name="source"/> under <paramref name="targetRepository"/>, or under the name
    /// discovery derives (<see cref="TargetImage.TryDerive"/>).</summary>
    public static ImportSpec For(string source, string? targetRepository = null)
    {
        var reference = ImageReference.Parse(source);
        var ok = targetRepository is null
            ? TargetImage.TryDerive(reference, null, out var target, out var error)
            : TargetImage.TryCreate(targetRepository, TargetImage.DefaultTagFor(reference), out target, out error);
        return ok ? new ImportSpec(reference, target!, [new ImageOrigin("Dockerfile", 1, ManifestKind.Dockerfile)])
            : throw new ArgumentException(error, nameof(source));
    }
}
