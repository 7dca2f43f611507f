namespace ImageWarmer.Core.Planning;

/// <summary>Where one image stands against the target registry.</summary>
public enum PlanStatus
{
    /// <summary>The target has the tag, and (for a floating tag) the same digest as upstream.</summary>
    Present,

    /// <summary>The target lacks the tag; upstream has it.</summary>
    Missing,

    /// <summary>The target has the tag, but upstream's (floating) tag now points elsewhere, or a digest pin disagrees:
    /// warming has work, which the drift policy decides. (<c>ensure</c>'s <c>differs</c> asks another question: see
    /// <c>EnsureStatus.Differs</c>.)</summary>
    Drifted,

    /// <summary>Neither the target nor upstream has it.</summary>
    SourceMissing,

    /// <summary>A registry could not be asked; the error says why.</summary>
    Failed,
}
