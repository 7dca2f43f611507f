namespace ImageWarmer.Core.Planning;

/// <summary>How plans are made. Section <c>ImageWarmer:Planning</c>.</summary>
public sealed class PlanningOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Planning";

    /// <summary>The full-version pattern: <c>3.77.2</c>, <c>v1.2.3</c>, <c>1.6.0-alpine</c>, <c>1.2.3.4</c>.</summary>
    public const string DefaultImmutableTagPattern = @"^v?\d+\.\d+\.\d+(\.\d+)?([-+_][0-9A-Za-z][0-9A-Za-z._-]*)?$";

    /// <summary>The target registry (ACR login server, e.g. <c>myacr.azurecr.io</c>) when a command names none.</summary>
    public string? TargetRegistry { get; set; }

    /// <summary>Tags matching this are immutable: when the target has one, upstream is not asked. Others float.</summary>
    public string ImmutableTagPattern { get; set; } = DefaultImmutableTagPattern;

    /// <summary>Most specs being planned at once.</summary>
    public int MaxConcurrency { get; set; } = 16;
}
