using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace ImageWarmer.Testing;

/// <summary>
/// A docker-registry that demands bearer tokens, like Docker Hub, with the token service beside it on loopback:
/// anonymous callers get pull tokens, <see cref="Username"/>/<see cref="Password"/> get pull and push. Tokens are
/// JWTs signed with a throwaway key whose certificate the registry trusts (docker-registry's <c>auth.token</c>).
/// See https://distribution.github.io/distribution/spec/auth/jwt/.
/// </summary>
public sealed class TokenAuthRegistry : IAsyncDisposable
{
    public const string Username = "ci";
    public const string Password = "s3cret";
    private const string Service = "imagewarmer-test-registry";
    private const string Issuer = "imagewarmer-test-token-service";

    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private LoopbackListener? _tokens;
    private readonly ConcurrentQueue<string> _tokenRequests = new();
    private readonly TemporaryDirectory _directory = new();
    private Process? _registry;

    private TokenAuthRegistry()
    {
        var request = new CertificateRequest("CN=imagewarmer test token signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary><c>127.0.0.1:port</c> of the registry.</summary>
    public string Address { get; private set; } = "";

    /// <summary><c>127.0.0.1:port</c> of the token service: another host than the registry, so a credential goes
    /// there only when it is configured as the credential's realm.</summary>
    public string Realm { get; private set; } = "";

    /// <summary>Every token request as "anonymous|ci scope scope…".</summary>
    public IReadOnlyList<string> TokenRequests => [.. _tokenRequests];

    /// <summary>Starts the token service and the registry; returns once the registry says it listens.</summary>
    public static async Task<TokenAuthRegistry> StartAsync()
    {
        var registry = new TokenAuthRegistry();
        await registry.StartAsync(CancellationToken.None);
        return registry;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _tokens = new LoopbackListener(context =>
        {
            Answer(context);
            return Task.CompletedTask;
        });
        Realm = _tokens.Address;

        var registryPort = LoopbackPorts.Free();
        Address = $"127.0.0.1:{registryPort}";
        var bundle = _directory.Write("token-signer.pem", _certificate.ExportCertificatePem());
        var config = _directory.Write("config.yml", $"""
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: {_directory.Path}/data
            http:
              addr: {Address}
            auth:
              token:
                realm: http://{Realm}/token
                service: {Service}
                issuer: {Issuer}
                rootcertbundle: {bundle}
            """);
        _registry = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("docker-registry did not start");

        // The registry logs "listening on <addr>" once its socket is open: wait for that line, not for a time.
        var listening = new TaskCompletionSource();
        var output = new ConcurrentQueue<string>();
        void OnLine(object? _, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }
            output.Enqueue(line.Data);
            if (line.Data.Contains($"listening on {Address}", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }
        _registry.OutputDataReceived += OnLine;
        _registry.ErrorDataReceived += OnLine;
        _registry.BeginOutputReadLine();
        _registry.BeginErrorReadLine();
        var exited = _registry.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken)) != listening.Task)
        {
            throw new InvalidOperationException($"docker-registry with token auth did not start:\n{string.Join('\n', output)}");
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var scopes = context.Request.QueryString.GetValues("scope") ?? [];
        var authorization = context.Request.Headers["Authorization"];
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        var who = authorization is null ? "anonymous" : authorization == expected ? Username : "refused";
        _tokenRequests.Enqueue($"{who} {string.Join(' ', scopes)}");
        if (who == "refused")
        {
            context.Response.StatusCode = 401;
            context.Response.Close();
            return;
        }
        var access = scopes.Select(s => s.Split(':')).Where(p => p.Length == 3).Select(p => new
        {
            type = p[0],
            name = p[1],
            actions = p[2].Split(',').Where(a => a == "pull" || who == Username).ToArray(),
        });
        var body = JsonSerializer.SerializeToUtf8Bytes(new { token = Sign(who, access), expires_in = 300 });
        context.Response.ContentType = "application/json";
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    private string Sign(string subject, object access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "RS256", typ = "JWT", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new { iss = Issuer, sub = subject, aud = Service, iat = now, nbf = now - 10, exp = now + 300, jti = Guid.NewGuid().ToString(), access };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');


    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill(entireProcessTree: true);
            await _registry.WaitForExitAsync();
        }
        _registry?.Dispose();
        _tokens?.Dispose();
        _key.Dispose();
        _certificate.Dispose();
        _directory.Dispose();
    }
}
