using ImageWarmer.Core.Discovery.Yaml;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>Typed access to YAML manifest fields that reports a wrong type as a problem with its line.</summary>
internal sealed class YamlFields(string path, ManifestFindings findings)
{
    /// <summary>Whether a field had the wrong type (already reported): the reader should not report it again as missing.</summary>
    public bool HasWrongTypes { get; private set; }

    /// <summary>The mapping at <paramref name="key"/>; null when absent, or (with a problem) when not a mapping.</summary>
    public YamlTreeNode? Mapping(YamlTreeNode parent, string key, string fieldName)
    {
        var node = parent.Get(key);
        if (node is null || node.IsNull)
        {
            return null;
        }
        if (node.Kind != YamlTreeKind.Mapping)
        {
            findings.AddProblem(path, node.Line, $"{fieldName} must be a mapping, not {node.Description}");
            HasWrongTypes = true;
            return null;
        }
        return node;
    }

    /// <summary>The text at <paramref name="key"/>; null when absent, or (with a problem) when not a single value.</summary>
    public string? Text(YamlTreeNode parent, string key, string fieldName, out int line)
    {
        var node = parent.Get(key);
        line = node?.Line ?? parent.Line;
        if (node is null || node.IsNull)
        {
            return null;
        }
        if (node.Kind != YamlTreeKind.Scalar)
        {
            findings.AddProblem(path, node.Line, $"{fieldName} must be a single value, not {node.Description}");
            HasWrongTypes = true;
            return null;
        }
        return node.Value!.Trim();
    }
}
