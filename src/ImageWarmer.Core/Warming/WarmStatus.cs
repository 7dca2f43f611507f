namespace ImageWarmer.Core.Warming;

/// <summary>Where an image stands after a warm run.</summary>
public enum WarmStatus
{
    /// <summary>The target had it already.</summary>
    Present,

    /// <summary>Imported by this run.</summary>
    Imported,

    /// <summary>Upstream moved the floating tag; reported, not re-imported (drift policy Report).</summary>
    Drifted,

    /// <summary>Upstream moved the tag and a replacement was asked for, but the tag is not provably ImageWarmer's import
    /// (<see cref="ReplacementProof"/>): left as it is, the error says why.</summary>
    Kept,

    /// <summary>Upstream does not have it.</summary>
    SourceMissing,

    /// <summary>Not imported; the error says why.</summary>
    Failed,

    /// <summary>Not imported yet: the upstream rate-limit budget is spent; try after it resets.</summary>
    Deferred,
}
