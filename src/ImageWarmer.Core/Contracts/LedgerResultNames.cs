using System.Diagnostics.CodeAnalysis;

namespace ImageWarmer.Core.Contracts;

/// <summary>The words the ledger stores for <see cref="LedgerResult"/> (and <c>status</c> shows): <c>present</c>,
/// <c>imported</c>, <c>drifted</c>, <c>source-missing</c>, <c>failed</c>, <c>deferred</c>, <c>kept</c>.</summary>
public static class LedgerResultNames
{
    /// <summary>The stored word for <paramref name="result"/>.</summary>
    public static string ToText(this LedgerResult result) => result switch
    {
        LedgerResult.SourceMissing => "source-missing",
        _ => result.ToString().ToLowerInvariant(),
    };

    /// <summary>The result a stored word stands for; false for a word this version does not know.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out LedgerResult? result)
    {
        foreach (var value in Enum.GetValues<LedgerResult>())
        {
            if (value.ToText() == text)
            {
                result = value;
                return true;
            }
        }
        result = null;
        return false;
    }
}
