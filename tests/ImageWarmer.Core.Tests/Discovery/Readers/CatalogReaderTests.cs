using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Readers;

namespace ImageWarmer.Core.Tests.Discovery.Readers;

public sealed class CatalogReaderTests
{
    [Fact]
    public void Read_ShortAndLongEntries_FindsEveryImageWithItsLine()
    {
        const string catalog = """
            version: 1
            images:
              - nginx:1.27.3
              - source: postgres:16.4
                target: mirrors/postgres
              - source: alpine:3.20
                digest: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                target: tools/alpine:pinned
            """;
        var findings = Read(catalog);

        Assert.Empty(findings.Problems);
        Assert.Collection(findings.Images,
            i => Assert.Equal(("docker.io/library/nginx:1.27.3", (string?)null, 3), (i.Source.FullyQualified, i.Target?.ToString(), i.Origin.Line)),
            i => Assert.Equal(("docker.io/library/postgres:16.4", (string?)"mirrors/postgres:16.4", 4), (i.Source.FullyQualified, i.Target?.ToString(), i.Origin.Line)),
            i => Assert.Equal(("docker.io/library/alpine:3.20@sha256:" + new string('a', 64), (string?)"tools/alpine:pinned", 6),
                (i.Source.FullyQualified, i.Target?.ToString(), i.Origin.Line)));
        Assert.All(findings.Images, i => Assert.Equal(ManifestKind.Catalog, i.Origin.Kind));
    }

    [Fact]
    public void Read_BadEntries_EachIsAProblem_GoodOnesStillFound()
    {
        const string catalog = """
            images:
              - Nginx:1
              - source: [a]
              - target: only/target
              - source: redis:7
                tagg: typo
              - {source: busybox:1.36, digest: md5:abc}
              - [nested, list]
              - source: redis:7.4
                target: "Bad Target"
              - memcached:1.6
            """;
        var findings = Read(catalog);

        Assert.Equal(["docker.io/library/redis:7", "docker.io/library/memcached:1.6"], findings.Images.Select(i => i.Source.FullyQualified));
        Assert.Equal(
            [(2, "lowercase"), (3, "source must be a single value, not a list"), (4, "no 'source'"), (6, "unknown field 'tagg'"),
             (7, "not supported"), (8, "reference or a mapping"), (10, "target 'Bad Target'")],
            findings.Problems.Select(p => (p.Line ?? 0, Matching(p.Message))));

        static string Matching(string message) =>
            new[] { "lowercase", "source must be a single value, not a list", "no 'source'", "unknown field 'tagg'", "not supported",
                    "reference or a mapping", "target 'Bad Target'" }
                .FirstOrDefault(m => message.Contains(m, StringComparison.Ordinal)) ?? message;
    }

    [Theory]
    [InlineData("version: 2\nimages: [nginx]", "version 2 is not supported")]
    [InlineData("images: nginx", "images must be a list")]
    [InlineData("- nginx", "must be a mapping with 'version' and 'images'")]
    public void Read_WrongShape_IsAProblem(string catalog, string messageContains)
    {
        var findings = Read(catalog);
        Assert.Empty(findings.Images);
        Assert.Contains(messageContains, Assert.Single(findings.Problems).Message, StringComparison.Ordinal);
    }

    private static ManifestFindings Read(string catalog)
    {
        var findings = new ManifestFindings();
        new CatalogReader().Read("imagewarmer.yaml", catalog, findings);
        return findings;
    }
}
