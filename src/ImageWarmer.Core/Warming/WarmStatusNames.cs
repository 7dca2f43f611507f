namespace ImageWarmer.Core.Warming;

/// <summary>The words the JSON contract and tables use for <see cref="WarmStatus"/>.</summary>
public static class WarmStatusNames
{
    /// <summary><c>present</c>, <c>imported</c>, <c>drifted</c>, <c>source-missing</c>, <c>failed</c>, <c>deferred</c>.</summary>
    public static string ToText(this WarmStatus status) => status switch
    {
        WarmStatus.SourceMissing => "source-missing",
        _ => status.ToString().ToLowerInvariant(),
    };
}
