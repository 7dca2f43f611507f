using System.Text;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Discovery.Yaml;

namespace ImageWarmer.Core.Tests.Discovery.Yaml;

public sealed class SafeYamlLoaderTests
{
    [Fact]
    public void Load_Mapping_KeepsLinesAndRawScalarText()
    {
        var root = SafeYamlLoader.Load("x.yaml", "a: 1\nb:\n  c: 3.10\n  d: ~\nlist:\n  - x\n  - y\n")!;
        Assert.Equal(YamlTreeKind.Mapping, root.Kind);
        Assert.Equal("3.10", root.Get("b")!.Get("c")!.Text);
        Assert.Equal(3, root.Get("b")!.Get("c")!.Line);
        Assert.True(root.Get("b")!.Get("d")!.IsNull);
        Assert.Equal(["x", "y"], root.Get("list")!.Items.Select(i => i.Text));
        Assert.Equal(7, root.Get("list")!.Items[1].Line);
    }

    [Fact]
    public void Load_EmptyDocument_IsNull() => Assert.Null(SafeYamlLoader.Load("x.yaml", "# only a comment\n"));

    [Fact]
    public void Load_AliasesWithinLimit_ShareTheAnchoredNode()
    {
        var root = SafeYamlLoader.Load("x.yaml", "base: &b {image: nginx}\nuse: *b\n")!;
        Assert.Same(root.Get("base"), root.Get("use"));
    }

    [Fact]
    public void Load_BillionLaughs_RefusedAsAliasBomb()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            bomb.Append($"{level}: &{level} [{string.Join(",", Enumerable.Repeat("*" + previous, 9))}]\n");
        }
        var e = Assert.Throws<ManifestParseException>(() => SafeYamlLoader.Load("bomb/porter.yaml", bomb.ToString()));
        Assert.Contains("alias bomb", e.Message, StringComparison.Ordinal);
        Assert.Equal("bomb/porter.yaml", e.Path);
        Assert.InRange(e.Line ?? 0, 1, 9);
    }

    [Fact]
    public void Load_DeepNesting_Refused()
    {
        var deep = new string('[', 500) + new string(']', 500);
        var e = Assert.Throws<ManifestParseException>(() => SafeYamlLoader.Load("deep.yaml", deep));
        Assert.Contains("nested more than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownAlias_IsAParseError()
    {
        var e = Assert.Throws<ManifestParseException>(() => SafeYamlLoader.Load("x.yaml", "a: 1\nb: *nothere\n"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Load_InvalidYaml_ReportsLineWithoutParserPrefix()
    {
        var e = Assert.Throws<ManifestParseException>(() => SafeYamlLoader.Load("x.yaml", "a: 1\nb: c: d\n"));
        Assert.StartsWith("invalid YAML: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Load_UnclosedFlowSequence_IsAParseErrorNotACrash()
    {
        var e = Assert.Throws<ManifestParseException>(() => SafeYamlLoader.Load("x.yaml", "a: 1\nb: [unclosed\nc: 2\n"));
        Assert.StartsWith("invalid YAML", e.Message, StringComparison.Ordinal);
    }
}
