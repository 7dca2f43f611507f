namespace ImageWarmer.Core.Mirroring;

/// <summary>TOML basic strings. The values are registry hosts and URLs ImageWarmer validated, but quoting stays exact
/// anyway, so that no value can end a string and start a key.</summary>
internal static class TomlText
{
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
