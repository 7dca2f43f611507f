namespace ImageWarmer.Core.Operations;

/// <summary>Which ledger rows to show: one image's (its ACR name derived as for requests, or <paramref name="Target"/>), or all.</summary>
public sealed record StatusOptions(string? Image, string? Target);
