using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>
/// Turns declared images into ImportSpecs: leaves out sources from registries that are not allowed,
/// names each target, and merges declarations of the same image into one spec with all their origins. When the
/// target registry is known, a target too long for it is a problem at its declaration.
/// </summary>
public sealed class ImportSpecBuilder(DiscoveryOptions options, string? targetRegistry = null)
{
    private readonly IReadOnlySet<string> _allowedRegistries = options.EffectiveSourceRegistries;

    /// <summary>Builds the scan result from everything the readers found.</summary>
    public ScanResult Build(ManifestFindings findings)
    {
        var problems = new ManifestFindings();
        foreach (var problem in findings.Problems)
        {
            problems.AddProblem(problem.Path, problem.Line, problem.Message);
        }
        if (findings.DeclarationsDropped > 0)
        {
            problems.AddProblem("(snapshot)", null,
                $"{findings.DeclarationsDropped:N0} image declarations past the first {ManifestFindings.MaxDeclarations:N0} were not read");
        }
        var skipped = new List<SkippedImage>();
        var byTarget = new Dictionary<string, Merged>(StringComparer.Ordinal);

        // Path and line order, whatever order files were read in: "the first declaration wins" must not
        // depend on how a folder lists or which worker parsed what.
        foreach (var declared in findings.Images.OrderBy(d => d.Origin, OriginOrder.Instance))
        {
            var origin = declared.Origin;
            if (!_allowedRegistries.Contains(declared.Source.Registry))
            {
                skipped.Add(new(declared.Source.Familiar, NotAllowedReason(declared.Source.Registry), origin.Path, origin.Line));
                continue;
            }
            if (!TryNameTarget(declared, out var target, out var error))
            {
                problems.AddProblem(origin.Path, origin.Line, error);
                continue;
            }
            var key = target.ToString();
            if (!byTarget.TryGetValue(key, out var merged))
            {
                byTarget[key] = new Merged(declared.Source, target, [origin]);
            }
            else if (TryMergeSources(merged.Source, declared.Source, out var source))
            {
                merged.Source = source;
                merged.Origins.Add(origin);
            }
            else
            {
                var first = merged.Origins[0];
                problems.AddProblem(origin.Path, origin.Line,
                    $"{declared.Source.Familiar} and {merged.Source.Familiar} (declared at {first.Path}:{first.Line}) both want the target {key}; keeping the first");
            }
        }

        var images = byTarget.Values
            .Select(m => new ImportSpec(m.Source, m.Target, [.. m.Origins.Order(OriginOrder.Instance)]))
            .OrderBy(s => s.Source.FullyQualified, StringComparer.Ordinal)
            .ThenBy(s => s.Target.ToString(), StringComparer.Ordinal)
            .ToList();
        return new ScanResult(
            images,
            [.. skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line)],
            [.. problems.Problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line ?? 0)])
        {
            ProblemsDropped = findings.ProblemsDropped + problems.ProblemsDropped,
        };
    }

    private string NotAllowedReason(string registry) =>
        $"registry {registry} is not an allowed source (allowed: {string.Join(", ", _allowedRegistries.Order(StringComparer.Ordinal))})";

    private bool TryNameTarget(DeclaredImage declared, out TargetImage target, out string error)
    {
        var source = declared.Source;
        TargetImage? named = declared.Target;
        string? reason = null;
        if (named is null && !TargetImage.TryDerive(source, options.TargetPrefix, out named, out reason))
        {
            (target, error) = (null!, $"cannot name the ACR target for {source.Familiar}: {reason}");
            return false;
        }
        if (targetRegistry is not null && !named.TryIn(targetRegistry, out _, out reason))
        {
            (target, error) = (null!, $"cannot warm {source.Familiar}: {reason}");
            return false;
        }
        (target, error) = (named, "");
        return true;
    }

    // Two declarations of one target agree when they name the same image; a digest pin on one of them
    // pins both (a Dockerfile's "nginx:1.27" and the catalog's "nginx:1.27@sha256:…" are one image).
    private static bool TryMergeSources(ImageReference existing, ImageReference incoming, out ImageReference merged)
    {
        merged = existing;
        if (existing.WithoutDigest() != incoming.WithoutDigest())
        {
            return false;
        }
        if (existing.Digest is not null && incoming.Digest is not null && existing.Digest != incoming.Digest)
        {
            return false;
        }
        merged = existing.Digest is null ? incoming : existing;
        return true;
    }

    private sealed class Merged(ImageReference source, TargetImage target, List<ImageOrigin> origins)
    {
        public ImageReference Source { get; set; } = source;
        public TargetImage Target { get; } = target;
        public List<ImageOrigin> Origins { get; } = origins;
    }

    private sealed class OriginOrder : IComparer<ImageOrigin>
    {
        public static readonly OriginOrder Instance = new();

        public int Compare(ImageOrigin? x, ImageOrigin? y)
        {
            var byPath = string.CompareOrdinal(x?.Path, y?.Path);
            return byPath != 0 ? byPath : (x?.Line ?? 0).CompareTo(y?.Line ?? 0);
        }
    }
}
