using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageWarmer.Core.Discovery.Yaml;

/// <summary>
/// Loads the first YAML document of a manifest into a <see cref="YamlTreeNode"/> tree from the parser's
/// event stream, with limits: nesting depth, and the size the document would have with its aliases
/// expanded (the "billion laughs" bomb is a few lines that expand to billions of nodes).
/// </summary>
public static partial class SafeYamlLoader
{
    /// <summary>Deeper nesting than any manifest needs.</summary>
    public const int MaxDepth = 64;

    /// <summary>Expanded node count past which a document is treated as an alias bomb.</summary>
    public const long MaxExpandedNodes = 100_000;

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();

    /// <summary>The document's root, or null for an empty file.</summary>
    /// <exception cref="ManifestParseException">Invalid YAML, or a limit was passed.</exception>
    public static YamlTreeNode? Load(string path, string text)
    {
        try
        {
            return LoadFirstDocument(path, new Parser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            throw new ManifestParseException(path, (int)e.Start.Line, "invalid YAML: " + PositionPrefix().Replace(e.Message, ""));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            throw new ManifestParseException(path, null, "invalid YAML: the parser gave up (" + e.Message + ")");
        }
    }

    private static YamlTreeNode? LoadFirstDocument(string path, Parser parser)
    {
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var open = new Stack<Frame>();

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = (int)current.Start.Line;
            YamlTreeNode completed;
            switch (current)
            {
                case MappingStart start:
                    Open(YamlTreeNode.Mapping(line, (int)start.Start.Index, start.Style == MappingStyle.Flow), start.Anchor);
                    continue;
                case SequenceStart start:
                    Open(YamlTreeNode.Sequence(line, (int)start.Start.Index, start.Style == SequenceStyle.Flow), start.Anchor);
                    continue;
                case Scalar scalar:
                    completed = YamlTreeNode.Scalar(line, scalar.Value, scalar.Style == ScalarStyle.Plain, (int)scalar.Start.Index, (int)scalar.End.Index,
                        scalar.Style switch { ScalarStyle.SingleQuoted => '\'', ScalarStyle.DoubleQuoted => '"', _ => null },
                        scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded);
                    Remember(scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, completed);
                    break;
                case AnchorAlias alias:
                    completed = anchors.GetValueOrDefault(alias.Value.Value)
                        ?? throw new ManifestParseException(path, line, $"alias *{alias.Value.Value} refers to an unknown anchor");
                    break;
                case MappingEnd or SequenceEnd:
                    var frame = open.Pop();
                    completed = frame.Node;
                    // Registered only once complete, so an alias can never refer to its own ancestor.
                    Remember(frame.Anchor, completed);
                    break;
                default:
                    continue;
            }

            if (open.Count == 0)
            {
                return completed;
            }
            Attach(open.Peek(), completed, line);
        }
        return null;

        void Open(YamlTreeNode node, AnchorName anchor)
        {
            if (open.Count >= MaxDepth)
            {
                throw new ManifestParseException(path, node.Line, $"YAML is nested more than {MaxDepth} levels deep");
            }
            open.Push(new Frame(node, anchor.IsEmpty ? null : anchor.Value));
        }

        void Remember(string? anchor, YamlTreeNode node)
        {
            if (anchor is not null)
            {
                anchors[anchor] = node;
                node.IsAnchored = true;
            }
        }

        void Attach(Frame parent, YamlTreeNode child, int line)
        {
            if (parent.Node.Kind == YamlTreeKind.Sequence)
            {
                parent.Node.Items.Add(child);
                Grow(parent.Node, child.ExpandedSize, line);
            }
            else if (parent.PendingKey is null)
            {
                if (child.Kind != YamlTreeKind.Scalar)
                {
                    throw new ManifestParseException(path, line, "a mapping key must be a plain value, not " + child.Description);
                }
                parent.PendingKey = child.Value ?? "";
            }
            else
            {
                parent.Node.Entries.Add(new(parent.PendingKey, child));
                parent.PendingKey = null;
                Grow(parent.Node, 1 + child.ExpandedSize, line);
            }
        }

        void Grow(YamlTreeNode node, long by, int line)
        {
            node.ExpandedSize += by;
            if (node.ExpandedSize > MaxExpandedNodes)
            {
                throw new ManifestParseException(path, line,
                    $"YAML expands to more than {MaxExpandedNodes:N0} nodes through its aliases; refusing it as an alias bomb");
            }
        }
    }

    // An open mapping or sequence; a mapping remembers the key whose value comes next.
    private sealed class Frame(YamlTreeNode node, string? anchor)
    {
        public YamlTreeNode Node { get; } = node;
        public string? Anchor { get; } = anchor;
        public string? PendingKey { get; set; }
    }
}
