namespace ImageWarmer.Core.Operations;

/// <summary>Whether the target registry has the image, under which name, and (when it was requested) the message that asked.</summary>
public sealed record EnsureResult(string Source, string Target, string TargetRegistry, bool Present, string? Digest, string? RequestMessageId)
{
    /// <summary>The familiar name of the source, for people.</summary>
    public required string SourceFamiliar { get; init; }
}
