namespace ImageWarmer.Core.Retention;

/// <summary>What the nightly run prunes. Section <c>ImageWarmer:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Retention";

    /// <summary>After how long without a declaration the nightly run deletes a tag ImageWarmer created (as
    /// <c>imagewarmer prune --older-than … --apply</c> does). Null: the nightly run prunes nothing.</summary>
    public TimeSpan? After { get; set; }

    /// <summary>How recent the last complete declaration run without problems (the nightly run) must be for prune to
    /// delete on the ledger's word (<see cref="DeclarationFreshness"/>); <c>prune --manifests</c> reads the manifests
    /// itself instead. Default two days: one missed night is tolerated, a broken schedule is not.</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromDays(2);
}
