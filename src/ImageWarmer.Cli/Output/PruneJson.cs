using System.Globalization;
using System.Text.Json;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Prune;

namespace ImageWarmer.Cli.Output;

/// <summary><c>prune --json</c> (docs/contracts/prune.schema.json): every ledger row's tag, what was done with it and why.</summary>
internal sealed record PruneJson(string Registry, bool Applied, double OlderThanDays, IReadOnlyList<PruneJson.ItemJson> Items, IReadOnlyDictionary<string, int> Summary)
{
    public static PruneJson From(PruneResult result) => new(
        result.TargetRegistry, result.Applied, Math.Round(result.OlderThan.TotalDays, 3),
        [.. result.Items.Select(i => new ItemJson(i.Target, i.Digest, Name(i.Action), i.Reason, i.LastSeen))],
        result.Counts.ToDictionary(c => JsonNamingPolicy.CamelCase.ConvertName(c.Key.ToString()), c => c.Value));

    public string Serialize() => JsonSerializer.Serialize(this, CliJsonContext.Default.PruneJson);

    /// <summary>An action as the contract spells it: <c>kept</c>, <c>would-delete</c>, <c>deleted</c>, <c>gone</c>, <c>failed</c>.</summary>
    public static string Name(Core.Retention.PruneAction action) =>
        string.Concat(action.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLower(c, CultureInfo.InvariantCulture)}" : char.ToLower(c, CultureInfo.InvariantCulture).ToString()));

    internal sealed record ItemJson(string Target, string? Digest, string Action, string Reason, DateTimeOffset? LastSeen);
}
