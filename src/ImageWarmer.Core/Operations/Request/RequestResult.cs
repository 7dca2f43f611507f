namespace ImageWarmer.Core.Operations.Request;

/// <summary>A request on the queue: which message, for what, on which queue.</summary>
public sealed record RequestResult(string MessageId, string Source, string Target, string Queue);
