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

    internal static YamlTreeNode Scalar(int line, string value, bool plain) =>
        new(YamlTreeKind.Scalar, line, value) { IsNull = plain && NullWords.Contains(value) };

    internal static YamlTreeNode Mapping(int line) => new(YamlTreeKind.Mapping, line, null);

    internal static YamlTreeNode Sequence(int line) => new(YamlTreeKind.Sequence, line, null);

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
