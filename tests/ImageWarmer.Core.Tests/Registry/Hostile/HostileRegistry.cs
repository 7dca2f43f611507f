using System.Text;
using ImageWarmer.Core.References;
using ImageWarmer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reply = ImageWarmer.Testing.HostileServer.Reply;
using Request = ImageWarmer.Testing.HostileServer.Request;

namespace ImageWarmer.Core.Tests.Registry.Hostile;

/// <summary>What the hostile-registry tests share: a registry's answers, a token realm that tells credentials from
/// anonymous callers, and the engine configured to reach them.</summary>
internal static class HostileRegistry
{
    public const string Username = "ci";
    public const string Password = "s3cret";
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>The token a realm hands out to this <c>Authorization</c>: <c>anonymous-token</c>, or <c>token-for-&lt;password&gt;</c>.</summary>
    public static string TokenFor(string? authorization) => authorization is null
        ? "anonymous-token"
        : "token-for-" + Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])).Split(':', 2)[1];

    /// <summary>A realm: any path answers with the token for the caller.</summary>
    public static Reply Realm(Request request) => Reply.Json($$"""{"token":"{{TokenFor(request.Authorization)}}","expires_in":300}""");

    /// <summary>A registry whose manifests need a token from <paramref name="realm"/>; <paramref name="accepts"/> says which.</summary>
    public static Reply Manifests(Request request, string realm, Func<string?, bool> accepts)
    {
        if (!request.Path.Contains("/manifests/", StringComparison.Ordinal))
        {
            return Reply.NotFound();
        }
        return accepts(request.Authorization)
            ? new Reply(200, [], new Dictionary<string, string> { ["Docker-Content-Digest"] = Digest, ["Content-Type"] = "application/vnd.oci.image.manifest.v1+json" })
            : Reply.Challenge(realm, "hostile", "repository:team/app:pull");
    }

    /// <summary>The engine with <paramref name="registry"/> at <paramref name="url"/>, the test credential for it (with
    /// <paramref name="realm"/> when given), and <paramref name="logs"/> collecting warnings.</summary>
    public static ServiceProvider Build(
        string registry, string url, CapturedLogs logs, string? realm = null, Dictionary<string, string?>? more = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ImageWarmer:Registry:Endpoints:0:Registry"] = registry,
            ["ImageWarmer:Registry:Endpoints:0:Url"] = url,
            ["ImageWarmer:Registry:Credentials:0:Registry"] = registry,
            ["ImageWarmer:Registry:Credentials:0:Username"] = Username,
            ["ImageWarmer:Registry:Credentials:0:Password"] = Password,
            ["ImageWarmer:Registry:MaxRetryAttempts"] = "0",
        };
        if (realm is not null)
        {
            settings["ImageWarmer:Registry:Credentials:0:Realm"] = realm;
        }
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return RegistryTestHost.Build(settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            configure?.Invoke(services);
        });
    }

    public static ImageReference Image(string registry, string tag = "1") => ImageReference.Parse($"{registry}/team/app:{tag}");
}
