namespace ImageWarmer.Core.Operations.Nightly;

/// <summary>A nightly run's report and where it was written.</summary>
public sealed record NightlyResult(NightlyReport Report, string Location);
