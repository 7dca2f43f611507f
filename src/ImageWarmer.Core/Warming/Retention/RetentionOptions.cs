namespace ImageWarmer.Core.Warming.Retention;

/// <summary>What the nightly run prunes. Section <c>ImageWarmer:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Retention";

    /// <summary>After how long without a declaration the nightly run deletes a tag ImageWarmer created (as
    /// <c>imagewarmer prune --older-than … --apply</c> does). Null: the nightly run prunes nothing.</summary>
    public TimeSpan? After { get; set; }
}
