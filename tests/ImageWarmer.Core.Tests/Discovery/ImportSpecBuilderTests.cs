using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Tests.Discovery;

public sealed class ImportSpecBuilderTests
{
    private const string DigestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DigestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Fact]
    public void Build_SameImageDeclaredTwice_MergesOrigins()
    {
        var findings = Findings(("nginx:1.27", null, "b/Dockerfile", 3), ("docker.io/library/nginx:1.27", null, "a/Dockerfile", 9));

        var spec = Assert.Single(Build(findings).Images);

        Assert.Equal("library/nginx:1.27", spec.Target.ToString());
        Assert.Equal(["a/Dockerfile:9", "b/Dockerfile:3"], spec.Origins.Select(o => $"{o.Path}:{o.Line}"));
    }

    [Fact]
    public void Build_OneDeclarationPinsADigest_MergedSpecKeepsThePin()
    {
        var findings = Findings(("nginx:1.27", null, "Dockerfile", 1), ($"nginx:1.27@{DigestA}", null, "imagewarmer.yaml", 3));

        var spec = Assert.Single(Build(findings).Images);

        Assert.Equal(DigestA, spec.Source.Digest);
        Assert.Equal(2, spec.Origins.Count);
    }

    [Fact]
    public void Build_ConflictingDigestsForOneTarget_KeepsFirstAndReportsSecond()
    {
        var findings = Findings(($"nginx:1.27@{DigestA}", null, "a/Dockerfile", 1), ($"nginx:1.27@{DigestB}", null, "b/Dockerfile", 2));

        var result = Build(findings);

        Assert.Equal(DigestA, Assert.Single(result.Images).Source.Digest);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("b/Dockerfile", 2), (problem.Path, problem.Line));
        Assert.Contains("a/Dockerfile:1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoSourcesWantOneTarget_IsAProblem()
    {
        var findings = Findings(("sonatype/nexus3:3.77.2", "nexus:3", "a/porter.yaml", 5), ("sonatype/nexus3:3.70.0", "nexus:3", "b/porter.yaml", 5));

        var result = Build(findings);

        Assert.Equal("docker.io/sonatype/nexus3:3.77.2", Assert.Single(result.Images).Source.FullyQualified);
        Assert.Contains("both want the target nexus:3", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RegistryNotAllowed_IsSkippedWithReason()
    {
        var findings = Findings(("mcr.microsoft.com/azure-cli:2.67.0", null, "ci.yaml", 4), ("nginx", null, "Dockerfile", 1));

        var result = Build(findings);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("mcr.microsoft.com/azure-cli:2.67.0", "ci.yaml", 4), (skipped.Reference, skipped.Path, skipped.Line));
        Assert.Equal("registry mcr.microsoft.com is not an allowed source (allowed: docker.io)", skipped.Reason);
        Assert.Single(result.Images);
    }

    [Fact]
    public void Build_ConfiguredRegistriesAndPrefix_AppliesBoth()
    {
        var options = new DiscoveryOptions { AllowedSourceRegistries = ["index.docker.io", "ghcr.io"], TargetPrefix = "mirror/" };
        var findings = Findings(("ghcr.io/owner/tool:2", null, "a", 1), ("nginx:1", null, "b", 1), ("busybox:1", "explicit/busybox", "c", 1),
            ($"alpine@{DigestA}", null, "d", 1));

        var result = new ImportSpecBuilder(options).Build(findings);

        Assert.Equal(
            ["mirror/library/alpine:sha256_" + new string('a', 64), "explicit/busybox:1", "mirror/library/nginx:1", "mirror/owner/tool:2"],
            result.Images.Select(i => i.Target.ToString()));
        Assert.Empty(result.Skipped);
    }

    private static ScanResult Build(ManifestFindings findings) => new ImportSpecBuilder(new DiscoveryOptions()).Build(findings);

    private static ManifestFindings Findings(params (string Source, string? Target, string Path, int Line)[] images)
    {
        var findings = new ManifestFindings();
        foreach (var (source, target, path, line) in images)
        {
            var reference = ImageReference.Parse(source);
            TargetImage? targetImage = null;
            if (target is not null)
            {
                Assert.True(TargetImage.TryParse(target, reference.Tag ?? "latest", out targetImage, out _));
            }
            findings.AddImage(reference, targetImage, new ImageOrigin(path, line, ManifestKind.Dockerfile));
        }
        return findings;
    }
}
