using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ImageWarmer.Core.Contracts;

/// <summary>
/// The one rule for the words every status goes by in the JSON contracts, tables, metrics and the ledger: the member's
/// name in lower kebab case (<c>SourceMissing</c> is <c>source-missing</c>). <c>PlanStatus</c>, <c>WarmStatus</c>,
/// <c>EnsureStatus</c> and <see cref="LedgerResult"/> all say their words through it, so a status shared by two of them
/// cannot be spelt two ways.
/// </summary>
public static class StatusWords
{
    /// <summary>The word for <paramref name="status"/>.</summary>
    public static string ToText<TStatus>(this TStatus status) where TStatus : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    /// <summary>The status a word stands for; false for a word this version does not know.</summary>
    public static bool TryParse<TStatus>(string? text, [NotNullWhen(true)] out TStatus? status) where TStatus : struct, Enum
    {
        foreach (var value in Enum.GetValues<TStatus>())
        {
            if (value.ToText() == text)
            {
                status = value;
                return true;
            }
        }
        status = null;
        return false;
    }
}
