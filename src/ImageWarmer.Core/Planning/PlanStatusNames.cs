namespace ImageWarmer.Core.Planning;

/// <summary>The words the JSON contract and tables use for <see cref="PlanStatus"/>.</summary>
public static class PlanStatusNames
{
    /// <summary><c>present</c>, <c>missing</c>, <c>drifted</c>, <c>source-missing</c>, <c>failed</c>.</summary>
    public static string ToText(this PlanStatus status) => status switch
    {
        PlanStatus.SourceMissing => "source-missing",
        _ => status.ToString().ToLowerInvariant(),
    };
}
