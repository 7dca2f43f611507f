using System.Text.Json.Serialization;

namespace ImageWarmer.Core.Contracts;

/// <summary>How the last attempt at a target went, as the ledger stores it (<c>LastResult</c>, in the words of
/// <see cref="StatusWords"/>).</summary>
[JsonConverter(typeof(LedgerResultJsonConverter))]
public enum LedgerResult
{
    /// <summary>The target had it already.</summary>
    Present,

    /// <summary>Imported by ImageWarmer.</summary>
    Imported,

    /// <summary>Upstream moved the tag; reported, not re-imported.</summary>
    Drifted,

    /// <summary>Upstream does not have it.</summary>
    SourceMissing,

    /// <summary>Not imported; the row's error says why.</summary>
    Failed,

    /// <summary>Waiting for the upstream rate-limit window to reset.</summary>
    Deferred,

    /// <summary>Left as it is: a backup tag (the image a re-imported tag pointed at, kept by ImageWarmer), or a drifted
    /// tag that a replacement was asked for but that is not provably ImageWarmer's import (the row's error says why).</summary>
    Kept,
}
