using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ImageWarmer.Core.References;

/// <summary>
/// The pieces of the distribution reference grammar, each checked on its own so that an error can
/// say which part is wrong. See https://github.com/distribution/reference/blob/main/reference.go.
/// </summary>
internal static partial class ReferenceGrammar
{
    public const int MaxNameLength = 255;
    public const int MaxTagLength = 128;

    // Characters a shell would interpret; named in the error so that an injection attempt is obvious.
    private const string ShellMetacharacters = ";|&$`()<>\"'*?!{}\\~#";

    // Anchored with \z, not $: $ also matches before a final newline, and these check text from outside.
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponent();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^\[[a-fA-F0-9:]+\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Literal();

    [GeneratedRegex(@"^[0-9a-f]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex LowerHex();

    /// <summary>Rejects text that no part of a reference may contain, with the offending character.</summary>
    public static bool TryCheckCharacters(string text, [NotNullWhen(false)] out string? error)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                error = $"contains a control character (U+{(int)c:X4})";
                return false;
            }
            if (char.IsWhiteSpace(c))
            {
                error = "contains whitespace";
                return false;
            }
            if (ShellMetacharacters.Contains(c, StringComparison.Ordinal))
            {
                error = $"contains the shell metacharacter '{c}'";
                return false;
            }
            if (c > '\u007f')
            {
                error = $"contains the non-ASCII character '{c}'";
                return false;
            }
        }
        error = null;
        return true;
    }

    /// <summary>A registry host, optionally with a port: <c>docker.io</c>, <c>localhost:5000</c>, <c>[::1]:5000</c>.</summary>
    public static bool TryCheckHost(string host, [NotNullWhen(false)] out string? error)
    {
        var name = host;
        var portStart = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        if (portStart > 0)
        {
            var port = host[(portStart + 1)..];
            if (port.Length == 0 || !port.All(char.IsAsciiDigit) || !int.TryParse(port, out var number) || number is < 1 or > 65535)
            {
                error = $"registry port '{port}' is not a number from 1 to 65535";
                return false;
            }
            name = host[..portStart];
        }
        if (!DomainName().IsMatch(name) && !Ipv6Literal().IsMatch(name))
        {
            error = $"registry host '{name}' is not a valid host name";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>A repository path: lowercase components separated by <c>/</c>.</summary>
    public static bool TryCheckRepository(string repository, [NotNullWhen(false)] out string? error)
    {
        if (repository.Length == 0)
        {
            error = "repository name is empty";
            return false;
        }
        foreach (var component in repository.Split('/'))
        {
            if (component.Length == 0)
            {
                error = $"repository '{repository}' has an empty path component";
                return false;
            }
            if (component is "." or ".." || component.Contains("..", StringComparison.Ordinal))
            {
                error = $"repository '{repository}' has the path component '{component}', which is not allowed";
                return false;
            }
            if (component.Any(char.IsAsciiLetterUpper))
            {
                error = $"repository name must be lowercase ('{repository}')";
                return false;
            }
            if (!PathComponent().IsMatch(component))
            {
                error = $"repository path component '{component}' must be lowercase letters and digits joined by '.', '_', '__' or '-'";
                return false;
            }
        }
        error = null;
        return true;
    }

    public static bool TryCheckTag(string tag, [NotNullWhen(false)] out string? error)
    {
        if (!TryCheckCharacters(tag, out error))
        {
            return false;
        }
        if (tag.Length == 0)
        {
            error = "tag is empty";
            return false;
        }
        if (tag.Length > MaxTagLength)
        {
            error = $"tag is {tag.Length} characters long; at most {MaxTagLength} are allowed";
            return false;
        }
        if (!Tag().IsMatch(tag))
        {
            error = $"tag '{tag}' must start with a letter, digit or '_' and contain only letters, digits, '_', '.' and '-'";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>A content digest: <c>sha256:</c> + 64 lowercase hex, or <c>sha512:</c> + 128.</summary>
    public static bool TryCheckDigest(string digest, [NotNullWhen(false)] out string? error)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"digest '{digest}' must look like sha256:<64 hex digits>";
            return false;
        }
        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        var expectedLength = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
        if (expectedLength == 0)
        {
            error = $"digest algorithm '{algorithm}' is not supported (sha256 or sha512)";
            return false;
        }
        if (hex.Length != expectedLength || !LowerHex().IsMatch(hex))
        {
            error = $"digest '{digest}' must be {algorithm}: followed by {expectedLength} lowercase hex digits";
            return false;
        }
        error = null;
        return true;
    }
}
