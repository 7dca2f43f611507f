using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Readers;

namespace ImageWarmer.Core.Tests.Discovery.Readers;

public sealed class PorterManifestReaderTests
{
    private const string Digest = "sha256:cb7ff7c5a1ec2fbdd37c2ec8e6e2cdc4c3b8a1a1ddc6a7e86bd02c69b5fa2a2b";

    // The runtime_image block (indented under custom:), then "source => target @line", or "" for none.
    public static TheoryData<string, string> Blocks => new()
    {
        {
            "  runtime_image:\n    name: sonatype/nexus3\n    import:\n      source: docker.io/sonatype/nexus3\n      tag: 3.77.2",
            "docker.io/sonatype/nexus3:3.77.2 => sonatype/nexus3:3.77.2 @6"
        },
        {
            "  runtime_image:\n    import:\n      source: sonatype/nexus3\n      tag: \"3.77.2\"",
            "docker.io/sonatype/nexus3:3.77.2 => (derived) @5"
        },
        {
            "  runtime_image:\n    name: guacd\n    import:\n      source: guacamole/guacd\n      tag: 1.5.5\n      digest: " + Digest,
            $"docker.io/guacamole/guacd:1.5.5@{Digest} => guacd:1.5.5 @6"
        },
        {
            "  runtime_image:\n    name: tools/busybox:stable\n    import:\n      source: busybox:1.36",
            "docker.io/library/busybox:1.36 => tools/busybox:stable @6"
        },
        {
            "  runtime_image:\n    import:\n      source: redis:7.4\n      tag: 7.4",
            "docker.io/library/redis:7.4 => (derived) @5"
        },
        {
            "  runtime_image:\n    import: {source: 'mcr.microsoft.com/azure-cli', tag: '2.67.0'}",
            "mcr.microsoft.com/azure-cli:2.67.0 => (derived) @4"
        },
        { "  runtime_image:\n    name: gitea\n    build:\n      docker_file: docker/Dockerfile", "" },
        { "  other: 1", "" },
        { "  runtime_image:", "" },
    };

    // The runtime_image block, then the line and a word of the expected problem.
    public static TheoryData<string, int, string> Problems => new()
    {
        { "  runtime_image:\n    import:\n      tag: 1", 5, "source is missing" },
        { "  runtime_image:\n    import:\n      source: [a, b]", 5, "must be a single value, not a list" },
        { "  runtime_image:\n    import: docker.io/nginx", 4, "must be a mapping, not a text value" },
        { "  runtime_image: [1]", 3, "custom.runtime_image must be a mapping" },
        { "  runtime_image:\n    import:\n      source: Sonatype/Nexus3", 5, "lowercase" },
        { "  runtime_image:\n    import:\n      source: nginx:1.27\n      tag: 1.26", 6, "disagrees" },
        { "  runtime_image:\n    import:\n      source: nginx\n      tag: 'a b'", 6, "whitespace" },
        { "  runtime_image:\n    import:\n      source: nginx\n      digest: sha256:abc", 6, "64 lowercase hex" },
        { "  runtime_image:\n    name: Bad_Name\n    import:\n      source: nginx", 4, "custom.runtime_image.name" },
        { "  runtime_image:\n    import:\n      source: nginx$(id)", 5, "metacharacter '$'" },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Read_RuntimeImageBlock_FindsTheImport(string block, string expected)
    {
        var findings = Read(block);
        Assert.Empty(findings.Problems);
        var found = string.Join("; ", findings.Images.Select(i =>
            $"{i.Source.FullyQualified} => {i.Target?.ToString() ?? "(derived)"} @{i.Origin.Line}"));
        Assert.Equal(expected, found);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Read_BadRuntimeImageBlock_IsAProblemWithItsLine(string block, int line, string messageContains)
    {
        var findings = Read(block);
        Assert.Empty(findings.Images);
        var problem = Assert.Single(findings.Problems);
        Assert.Equal(line, problem.Line);
        Assert.Contains(messageContains, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TopLevelList_IsAProblem()
    {
        var findings = new ManifestFindings();
        new PorterManifestReader().Read("b/porter.yaml", "- a\n- b\n", findings);
        Assert.Contains("must be a mapping at the top level", Assert.Single(findings.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedYaml_ThrowsWithLine()
    {
        var e = Assert.Throws<ManifestParseException>(() =>
            new PorterManifestReader().Read("b/porter.yaml", "name: x\ncustom:\n  runtime_image: {\n", new ManifestFindings()));
        Assert.Equal("b/porter.yaml", e.Path);
        Assert.NotNull(e.Line);
        Assert.StartsWith("invalid YAML", e.Message, StringComparison.Ordinal);
    }

    private static ManifestFindings Read(string runtimeImageBlock)
    {
        var findings = new ManifestFindings();
        new PorterManifestReader().Read("bundle/porter.yaml", $"name: bundle\ncustom:\n{runtimeImageBlock}\n", findings);
        Assert.All(findings.Images, i => Assert.Equal(new ImageOrigin("bundle/porter.yaml", i.Origin.Line, ManifestKind.Porter), i.Origin));
        return findings;
    }
}
