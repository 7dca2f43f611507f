namespace ImageWarmer.Core.Operations.Drain;

/// <summary>What a worker did with one message.</summary>
public sealed record DrainedMessage(string MessageId, string Result);
