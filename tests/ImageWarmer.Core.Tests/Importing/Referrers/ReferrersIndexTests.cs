using System.Text;
using System.Text.Json;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Tests.Importing.Referrers;

/// <summary>The fallback index ImageWarmer may write into: only a referrers list is merged into (a multi-platform index or
/// anything else under the tag is someone else's), and a merge keeps what was there and adds each referrer once.</summary>
public sealed class ReferrersIndexTests
{
    private static readonly string Sbom = "sha256:" + new string('1', 64);
    private static readonly string Signature = "sha256:" + new string('2', 64);

    public static TheoryData<string, string, bool> Lists => new()
    {
        // what is under the tag, the media type it was served with, whether it is a referrers list
        { Json("""{"mediaType":"OCI_INDEX","manifests":[{"digest":"SBOM","artifactType":"application/spdx+json"}]}"""), MediaTypes.OciIndex, true },
        { Json("""{"mediaType":"OCI_INDEX","manifests":[]}"""), MediaTypes.OciIndex, true },
        { Json("""{"manifests":[{"digest":"SBOM","artifactType":"application/spdx+json"}]}"""), MediaTypes.OciIndex, true },
        { Json("""{"manifests":[{"digest":"SBOM","artifactType":"application/spdx+json"}]}"""), MediaTypes.DockerManifestList, false },
        { Json("""{"mediaType":"DOCKER_LIST","manifests":[{"digest":"SBOM","artifactType":"application/spdx+json"}]}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":7,"manifests":[]}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":"OCI_INDEX","manifests":[{"digest":"SBOM","platform":{"os":"linux","architecture":"amd64"}}]}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":"OCI_INDEX","manifests":[{"digest":"SBOM","artifactType":""}]}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":"OCI_INDEX","manifests":[{"digest":"SBOM","artifactType":5}]}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":"OCI_INDEX","manifests":["x"]}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":"OCI_INDEX","manifests":{}}"""), MediaTypes.OciIndex, false },
        { Json("""{"mediaType":"OCI_INDEX"}"""), MediaTypes.OciIndex, false },
        { "[]", MediaTypes.OciIndex, false },
        { "{not json", MediaTypes.OciIndex, false },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void IsReferrersList_OnlyAnOciIndexWhoseEveryEntryNamesAnArtifactType(string json, string servedAs, bool isList)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(isList, ReferrersIndex.IsReferrersList(new ManifestContent(new Descriptor(servedAs, Digests.Sha256(bytes), bytes.Length), bytes)));
    }

    [Fact]
    public void Merge_NoIndexYet_WritesAnOciIndexOfTheReferrers_EachOnce()
    {
        var sbom = new Descriptor(MediaTypes.OciManifest, Sbom, 420) { ArtifactType = "application/spdx+json" };
        var signature = new Descriptor(MediaTypes.OciManifest, Signature, 310);

        using var index = JsonDocument.Parse(ReferrersIndex.Merge(null, [sbom, signature, sbom]));

        Assert.Equal(2, index.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(MediaTypes.OciIndex, index.RootElement.GetProperty("mediaType").GetString());
        var entries = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(
            (MediaTypes.OciManifest, Sbom, 420L, "application/spdx+json"),
            (entries[0].GetProperty("mediaType").GetString(), entries[0].GetProperty("digest").GetString(), entries[0].GetProperty("size").GetInt64(),
                entries[0].GetProperty("artifactType").GetString()));
        Assert.Equal(Signature, entries[1].GetProperty("digest").GetString());
        Assert.False(entries[1].TryGetProperty("artifactType", out _));
    }

    [Fact]
    public void Merge_AnExistingIndex_KeepsItsEntriesAsTheyAre_AndAddsOnlyNewOnes()
    {
        var existing = Encoding.UTF8.GetBytes(Json("""{"schemaVersion":2,"mediaType":"OCI_INDEX","manifests":[{"mediaType":"OCI_MANIFEST","digest":"SBOM","size":1,"artifactType":"a/b","annotations":{"k":"v"}}]}"""));

        using var index = JsonDocument.Parse(ReferrersIndex.Merge(existing, [new Descriptor(MediaTypes.OciManifest, Sbom, 420), new Descriptor(MediaTypes.OciManifest, Signature, 310)]));

        var entries = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        Assert.Equal([Sbom, Signature], entries.Select(e => e.GetProperty("digest").GetString()));
        Assert.Equal(1, entries[0].GetProperty("size").GetInt64());
        Assert.Equal("v", entries[0].GetProperty("annotations").GetProperty("k").GetString());
    }

    [Theory]
    [InlineData("""{"schemaVersion":2}""", "the referrers tag holds no index")]
    [InlineData("""{"manifests":{}}""", "the referrers tag holds no index")]
    [InlineData("[]", "the referrers tag holds something that is not an index: not a JSON object")]
    [InlineData("{oops", "the referrers tag holds something that is not an index: ")]
    public void Merge_SomethingElseUnderTheTag_FailsAsInvalidInput(string existing, string message)
    {
        var e = Assert.Throws<ImportFailedException>(() => ReferrersIndex.Merge(Encoding.UTF8.GetBytes(existing), [new Descriptor(MediaTypes.OciManifest, Sbom, 1)]));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    private static string Json(string text) => text
        .Replace("OCI_INDEX", MediaTypes.OciIndex, StringComparison.Ordinal)
        .Replace("OCI_MANIFEST", MediaTypes.OciManifest, StringComparison.Ordinal)
        .Replace("DOCKER_LIST", MediaTypes.DockerManifestList, StringComparison.Ordinal)
        .Replace("SBOM", Sbom, StringComparison.Ordinal);
}
