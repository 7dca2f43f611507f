using System.Text.RegularExpressions;

namespace ImageWarmer.Testing;

/// <summary>
/// Reads docker-registry's access log (combined log format). The registry writes a request's line before the
/// response leaves its buffer, so once a client holds a (small) response, its line is in the file.
/// </summary>
public static partial class RegistryAccessLog
{
    [GeneratedRegex("\"(?<method>[A-Z]+) (?<path>/v2/[^ ]*) HTTP/[0-9.]+\" (?<status>[0-9]{3})")]
    private static partial Regex RequestLine();

    /// <summary>The requests whose path starts with <c>/v2/&lt;namespacePrefix&gt;</c>, as "METHOD path status".</summary>
    public static IReadOnlyList<string> Requests(string logPath, string namespacePrefix)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var requests = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var match = RequestLine().Match(line);
            if (match.Success && match.Groups["path"].Value.StartsWith($"/v2/{namespacePrefix}", StringComparison.Ordinal))
            {
                requests.Add($"{match.Groups["method"].Value} {match.Groups["path"].Value} {match.Groups["status"].Value}");
            }
        }
        return requests;
    }
}
