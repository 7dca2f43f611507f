using System.Globalization;

namespace ImageWarmer.Cli.Output;

/// <summary>Counts in words: "1 image", "2 images", never "1 images".</summary>
internal static class Words
{
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? noun : Plural(noun))}");

    private static string Plural(string noun) => noun.EndsWith('y') && !noun.EndsWith("ey", StringComparison.Ordinal) ? noun[..^1] + "ies" : noun + "s";
}
