using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Contracts;

/// <summary>Writes a <see cref="LedgerResult"/> as its stored word (<c>source-missing</c>), so <c>status --json</c> says
/// what the ledger holds.</summary>
public sealed class LedgerResultJsonConverter() : JsonStringEnumConverter<LedgerResult>(JsonNamingPolicy.KebabCaseLower);
