namespace ImageWarmer.Core.Discovery.Yaml;

/// <summary>
/// A YAML node with its line: the small tree discovery navigates. Aliases share the anchored node
/// instead of copying it, so an alias bomb costs no memory (and <see cref="SafeYamlLoader"/> refuses it).
/// </summary>
public sealed class YamlTreeNode
{
    private static readonly string[] NullWords = ["", "~", "null", "Null", "NULL"];

    private YamlTreeNode(YamlTreeKind kind, int line, string? value)
    {
        Kind = kind;
        Line = line;
        Value = value;
    }

    /// <summary>Scalar, mapping or sequence.</summary>
    public YamlTreeKind Kind { get; }

    /// <summary>1-based line where the node starts.</summary>
    public int Line { get; }

    /// <summary>The scalar's text exactly as written (no type conversion: <c>3.10</c> stays "3.10").</summary>
    public string? Value { get; }

    /// <summary>A plain scalar that YAML reads as null (empty, <c>~</c>, <c>null</c>).</summary>
    public bool IsNull { get; private init; }

    /// <summary>How many nodes this one stands for once every alias is expanded.</summary>
    public long ExpandedSize { get; internal set; } = 1;

    /// <summary>Where the node starts in the text (a character offset; for a block mapping, its first key).</summary>
    public int Start { get; private init; }

    /// <summary>Where a scalar ends in the text (after a closing quote).</summary>
    public int End { get; private init; }

    /// <summary>A quoted scalar's quote character (<c>'</c> or <c>"</c>), or null.</summary>
    public char? Quote { get; private init; }

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) scalar.</summary>
    public bool IsBlockScalar { get; private init; }

    /// <summary>A flow collection (<c>{…}</c>, <c>[…]</c>).</summary>
    public bool IsFlow { get; private init; }

    /// <summary>The node has an anchor (<c>&amp;name</c>): aliases elsewhere are the same node.</summary>
    public bool IsAnchored { get; internal set; }

    /// <summary>A mapping's entries in document order.</summary>
    public List<KeyValuePair<string, YamlTreeNode>> Entries { get; } = [];

    /// <summary>A sequence's items in document order.</summary>
    public List<YamlTreeNode> Items { get; } = [];

    /// <summary>What the node is, for error messages: "a mapping", "a list", "a text value".</summary>
    public string Description => Kind switch
    {
        YamlTreeKind.Mapping => "a mapping",
        YamlTreeKind.Sequence => "a list",
        _ => IsNull ? "empty" : "a text value",
    };

    internal static YamlTreeNode Scalar(int line, string value, bool plain, int start = 0, int end = 0, char? quote = null, bool block = false) =>
        new(YamlTreeKind.Scalar, line, value) { IsNull = plain && NullWords.Contains(value), Start = start, End = end, Quote = quote, IsBlockScalar = block };

    internal static YamlTreeNode Mapping(int line, int start = 0, bool flow = false) => new(YamlTreeKind.Mapping, line, null) { Start = start, IsFlow = flow };

    internal static YamlTreeNode Sequence(int line, int start = 0, bool flow = false) => new(YamlTreeKind.Sequence, line, null) { Start = start, IsFlow = flow };

    /// <summary>A mapping's value for <paramref name="key"/> (the last one if repeated), or null.</summary>
    public YamlTreeNode? Get(string key)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key == key)
            {
                return Entries[i].Value;
            }
        }
        return null;
    }

    /// <summary>A non-null scalar's text, or null.</summary>
    public string? Text => Kind == YamlTreeKind.Scalar && !IsNull ? Value : null;
}
