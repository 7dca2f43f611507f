namespace ImageWarmer.Core.Operations;

/// <summary>What a worker did with one message.</summary>
public sealed record DrainedMessage(string MessageId, string Result);
