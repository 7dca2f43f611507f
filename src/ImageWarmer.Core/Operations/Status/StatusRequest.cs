namespace ImageWarmer.Core.Operations.Status;

/// <summary>Which ledger rows to show: one image's (its ACR name derived as for requests, or <paramref name="Target"/>), or all.</summary>
public sealed record StatusRequest(string? Image, string? Target);
