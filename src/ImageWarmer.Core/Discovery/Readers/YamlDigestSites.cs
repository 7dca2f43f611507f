using ImageWarmer.Core.Discovery.Yaml;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>Where a YAML manifest's digest goes (<see cref="DigestSite"/>): inside a quoted value's quotes, never its
/// comments or layout. A value pin cannot rewrite exactly as written (an anchor others share, a block or escaped
/// scalar, a flow mapping that would need a new field) is listed instead.</summary>
internal static class YamlDigestSites
{
    /// <summary>The site of a reference written as one value (a catalog entry, or a source with an inline digest).</summary>
    public static DigestSite OfReference(YamlTreeNode value, string text) => Of(value, text, DigestSiteKind.Reference);

    /// <summary>The site of a mapping's digest: its <c>digest</c> value; else a digest inside <paramref name="sourceKey"/>'s
    /// value; else a new <c>digest:</c> line after the mapping's last line, indented like its keys.</summary>
    public static DigestSite OfMapping(YamlTreeNode mapping, string sourceKey, string text)
    {
        if (mapping.Get("digest") is { } digest)
        {
            return digest.IsNull ? DigestSite.Fixed("its digest field is empty: fill it in by hand") : Of(digest, text, DigestSiteKind.DigestField);
        }
        if (mapping.Get(sourceKey) is { Value: { } source } sourceNode && source.Contains('@', StringComparison.Ordinal))
        {
            return OfReference(sourceNode, text);
        }
        if (mapping.IsFlow || mapping.IsAnchored)
        {
            return DigestSite.Fixed("a flow or anchored mapping cannot take a new digest line: add it by hand");
        }
        if (LastScalar(mapping) is not { IsBlockScalar: false } last)
        {
            return DigestSite.Fixed("the mapping's last value is a block scalar: add the digest by hand");
        }
        var lineEnd = text.IndexOf('\n', last.End);
        var at = lineEnd < 0 ? text.Length : lineEnd > 0 && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, mapping.Start - 1)) + 1;
        var indent = new string([.. text[lineStart..mapping.Start].Select(c => c == '\t' ? '\t' : ' ')]);
        return new DigestSite(DigestSiteKind.NewDigestField, at, 0, "") { Indent = indent };
    }

    private static DigestSite Of(YamlTreeNode value, string text, DigestSiteKind kind)
    {
        if (value.IsAnchored || value.IsBlockScalar || value.Kind != YamlTreeKind.Scalar)
        {
            return DigestSite.Fixed("the value is anchored, or a block scalar: pin it by hand");
        }
        var (start, end) = value.Quote is null ? (value.Start, value.End) : (value.Start + 1, value.End - 1);
        if (start < 0 || end > text.Length || start > end || text[start..end] != value.Value)
        {
            return DigestSite.Fixed("the value is written with escapes or over several lines: pin it by hand");
        }
        return new DigestSite(kind, start, end - start, value.Value!);
    }

    private static YamlTreeNode? LastScalar(YamlTreeNode node) => node.Kind switch
    {
        YamlTreeKind.Scalar => node,
        YamlTreeKind.Mapping => node.Entries.Count == 0 ? null : LastScalar(node.Entries[^1].Value),
        _ => node.Items.Count == 0 ? null : LastScalar(node.Items[^1]),
    };
}
