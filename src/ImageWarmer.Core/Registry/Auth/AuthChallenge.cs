using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ImageWarmer.Core.Registry.Auth;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header: <c>Basic realm="…"</c> or
/// <c>Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"</c>.
/// See https://distribution.github.io/distribution/spec/auth/token/.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Whether this is a Bearer (token) challenge.</summary>
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is a Basic challenge.</summary>
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The token endpoint (Bearer) or protection space (Basic).</summary>
    public string? Realm => Parameters.GetValueOrDefault("realm");

    /// <summary>The realm as an absolute <c>http</c> or <c>https</c> URL; false for anything else (a relative path,
    /// <c>file:</c>, <c>ftp:</c>…), which no token is ever fetched from.</summary>
    public bool TryGetRealmUri([NotNullWhen(true)] out Uri? realm)
    {
        realm = Uri.TryCreate(Realm, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
        return realm is not null;
    }

    /// <summary>The service the token is for.</summary>
    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>Every scope asked for: a scope parameter may hold several, separated by spaces.</summary>
    public IReadOnlyList<string> Scopes =>
        Parameters.GetValueOrDefault("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The challenges of a response (several headers, or several challenges in one).</summary>
    public static IReadOnlyList<AuthChallenge> FromResponse(HttpResponseMessage response) =>
        [.. response.Headers.WwwAuthenticate.Select(h => new AuthChallenge(h.Scheme, ParseParameters(h.Parameter ?? "")))];

    /// <summary>Parses <c>key=value</c> and <c>key="quoted, \"escaped\""</c> pairs separated by commas.</summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            var key = text[i..equals].Trim();
            i = equals + 1;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }
                    value.Append(text[i]);
                }
                i++;
            }
            else
            {
                for (; i < text.Length && text[i] != ','; i++)
                {
                    value.Append(text[i]);
                }
            }
            if (key.Length > 0)
            {
                parameters[key] = value.ToString().Trim();
            }
        }
        return parameters;
    }
}
