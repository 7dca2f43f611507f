using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Registry;

public sealed class RegistryEndpointsTests
{
    [Theory]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    [InlineData("ghcr.io", "https://ghcr.io/")]
    [InlineData("myacr.azurecr.io", "https://myacr.azurecr.io/")]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    public void BaseUri_NoOverride_HttpsExceptLoopback(string registry, string expected) =>
        Assert.Equal(expected, Endpoints(new RegistryOptions()).BaseUri(registry).ToString());

    [Fact]
    public void BaseUri_Override_MapsNameToUrlAndBack()
    {
        var endpoints = Endpoints(new RegistryOptions { Endpoints = [new() { Registry = "docker.io", Url = "http://127.0.0.1:5001/" }] });

        Assert.Equal("http://127.0.0.1:5001/", endpoints.BaseUri("docker.io").ToString());
        Assert.Equal("docker.io", endpoints.NameOf("127.0.0.1:5001"));
        Assert.Equal("docker.io", endpoints.NameOf("registry-1.docker.io"));
        Assert.Equal("ghcr.io", endpoints.NameOf("ghcr.io"));
    }

    [Fact]
    public void Create_PlainHttpToRemoteHost_RefusedUnlessInsecure()
    {
        var e = Assert.Throws<InsecureRegistryException>(() =>
            Endpoints(new RegistryOptions { Endpoints = [new() { Registry = "docker.io", Url = "http://mirror.internal:5000" }] }).BaseUri("docker.io"));
        // The condition and the setting; the front end names its own way to give it (the CLI: --insecure docker.io).
        Assert.Contains("list it in ImageWarmer:Registry:Insecure", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);
        Assert.Equal((UserInput.InsecureRegistry, "docker.io"), (e.Input, e.InputValue));

        var allowed = Endpoints(new RegistryOptions { Endpoints = [new() { Registry = "docker.io", Url = "http://mirror.internal:5000" }], Insecure = ["docker.io"] });
        Assert.Equal("http://mirror.internal:5000/", allowed.BaseUri("docker.io").ToString());
        Assert.Equal("http://registry.lan/", Endpoints(new RegistryOptions { Insecure = ["registry.lan"] }).BaseUri("registry.lan").ToString());
    }

    [Theory]
    [InlineData("ftp://mirror")]
    [InlineData("not a url")]
    public void Create_BadOverride_ClearError(string url)
    {
        var e = Assert.Throws<ConfigurationException>(() => Endpoints(new RegistryOptions { Endpoints = [new() { Registry = "docker.io", Url = url }] }));
        Assert.Contains("must be an http(s) URL", e.Message, StringComparison.Ordinal);
    }

    private static RegistryEndpoints Endpoints(RegistryOptions options) => new(Options.Create(options));
}
