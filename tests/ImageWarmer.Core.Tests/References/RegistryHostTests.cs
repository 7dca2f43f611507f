using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Tests.References;

public sealed class RegistryHostTests
{
    [Theory]
    [InlineData("myacr.azurecr.io", "myacr.azurecr.io")]
    [InlineData("MyACR.AzureCR.io", "myacr.azurecr.io")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("localhost", "localhost")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    [InlineData("index.docker.io", "docker.io")] // Docker Hub by any of its names, as references name it
    [InlineData("registry-1.docker.io", "docker.io")]
    public void TryParse_AHost_Normalised(string text, string expected)
    {
        Assert.True(RegistryHost.TryParse(text, out var host, out var error), error);
        Assert.Equal(expected, host.Name);
        // The same rule an image reference's first component follows.
        Assert.Equal(expected, ImageReference.Parse($"{text}/team/app:1").Registry);
    }

    [Theory]
    [InlineData("", "not written as a registry host")]
    [InlineData("acr", "not written as a registry host")] // a Docker Hub namespace, not a host
    [InlineData("myacr.azurecr.io/team", "not a valid host name")]
    [InlineData("myacr.azurecr.io:99999", "port '99999'")]
    [InlineData("my acr.io", "whitespace")]
    [InlineData("-acr.io", "not a valid host name")]
    public void TryParse_NotAHost_SaysWhy(string text, string why)
    {
        Assert.False(RegistryHost.TryParse(text, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryRef_At_ATagOrADigest()
    {
        var repository = ImageReference.Parse("myacr.azurecr.io/library/nginx:1.27").Location;
        var digest = "sha256:" + new string('a', 64);

        Assert.Equal("myacr.azurecr.io/library/nginx", repository.ToString());
        Assert.Equal("myacr.azurecr.io/library/nginx:1.28", repository.At("1.28").FullyQualified);
        Assert.Equal($"myacr.azurecr.io/library/nginx@{digest}", repository.At(digest).FullyQualified);
    }
}
