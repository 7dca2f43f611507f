namespace ImageWarmer.Core.Discovery.Yaml;

/// <summary>The three kinds of YAML node.</summary>
public enum YamlTreeKind
{
    /// <summary>A single value.</summary>
    Scalar,

    /// <summary>Keys and values.</summary>
    Mapping,

    /// <summary>A list.</summary>
    Sequence,
}
