using ImageWarmer.Core.Discovery;

namespace ImageWarmer.Core.Pinning;

/// <summary>One change to a file's text: <paramref name="Length"/> characters at <paramref name="Start"/> become
/// <paramref name="Replacement"/> (an insertion when the length is 0).</summary>
public sealed record TextEdit(int Start, int Length, string Replacement)
{
    /// <summary>The edit that writes <paramref name="digest"/> at <paramref name="site"/> of <paramref name="text"/>, or
    /// null when the site is one pin does not touch.</summary>
    public static TextEdit? Pin(DigestSite site, string digest, string text) => site.Kind switch
    {
        DigestSiteKind.Reference => new(site.Start, site.Length, $"{site.Text.Split('@')[0]}@{digest}"),
        DigestSiteKind.DigestField => new(site.Start, site.Length, digest),
        DigestSiteKind.NewDigestField => new(site.Start, 0, $"{LineBreakAt(text, site.Start)}{site.Indent}digest: {digest}"),
        _ => null,
    };

    /// <summary><paramref name="text"/> with <paramref name="edits"/> applied (they must not overlap).</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var result = new System.Text.StringBuilder(text.Length + 256);
        var at = 0;
        foreach (var edit in edits.OrderBy(e => e.Start))
        {
            result.Append(text, at, edit.Start - at).Append(edit.Replacement);
            at = edit.Start + edit.Length;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    // The file's own line break where the new line goes, or (at the end of a file without one) its last one: CRLF
    // files stay CRLF.
    private static string LineBreakAt(string text, int at)
    {
        if (at < text.Length)
        {
            return text[at] == '\r' ? "\r\n" : "\n";
        }
        var last = text.LastIndexOf('\n');
        return last > 0 && text[last - 1] == '\r' ? "\r\n" : "\n";
    }
}
