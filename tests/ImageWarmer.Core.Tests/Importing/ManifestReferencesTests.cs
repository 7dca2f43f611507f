using System.Text;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Tests.Importing;

/// <summary>An upstream manifest is untrusted input: whatever is wrong with it is an <see cref="FailureKind.InvalidInput"/>
/// failure of that image with the reason, never another exception.</summary>
public sealed class ManifestReferencesTests
{
    private const string Good = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    [Theory]
    [InlineData($$"""{"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Good}}","size":1.5} }""", "config (sha256:2222")]
    [InlineData($$"""{"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Good}}","size":-1}]}""", "layers[0] (sha256:2222")]
    [InlineData($$"""{"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Good}}","size":"12"}]}""", "not a whole number of bytes")]
    [InlineData("""{"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"../../v2/other/manifests/latest","size":1}]}""", "layers[0] has a digest that is not one")]
    [InlineData("""{"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:abc","size":1}]}""", "manifests[0] has a digest that is not one")]
    [InlineData($$"""{"manifests":[{"digest":"{{Good}}","size":1}]}""", "manifests[0] has no mediaType")]
    [InlineData($$"""{"manifests":[{"mediaType":"text/plain\n::error::x","digest":"{{Good}}","size":1}]}""", "manifests[0] has a mediaType that is not one")]
    [InlineData($$"""{"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Good}}","size":9000000000000000000},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Good}}","size":9000000000000000000}]}""", "add up to more than")]
    [InlineData("""{"layers":{"not":"a list"}}""", "'layers' is not a list")]
    [InlineData("""{"layers":["a string"]}""", "layers[0] is not a descriptor object")]
    [InlineData("""[1,2,3]""", "it is a JSON array, not an object")]
    [InlineData("""{"layers":[""", "could not be read")]
    public void Parse_HostileManifest_InvalidInputWithTheReason(string json, string reason)
    {
        var manifest = new ManifestContent(new Descriptor(MediaTypes.OciManifest, Digests.Sha256(Encoding.UTF8.GetBytes(json)), json.Length), Encoding.UTF8.GetBytes(json));

        var e = Assert.Throws<ImportFailedException>(() => ManifestReferences.Parse(manifest));

        Assert.Equal(FailureKind.InvalidInput, e.Kind);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"manifest {manifest.Descriptor.Digest} ({MediaTypes.OciManifest}) could not be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoodManifest_DescriptorsAndTheirTotal()
    {
        var json = $$"""{"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Good}}","size":10},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{Good}}","size":32}] }""";
        var manifest = new ManifestContent(new Descriptor(MediaTypes.OciManifest, Good, json.Length), Encoding.UTF8.GetBytes(json));

        var references = ManifestReferences.Parse(manifest);

        Assert.Equal([10L, 32L], references.Blobs.Select(b => b.Size));
        Assert.Equal(42, references.BlobBytes);
    }
}
