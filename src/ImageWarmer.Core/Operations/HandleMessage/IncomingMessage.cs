namespace ImageWarmer.Core.Operations.HandleMessage;

/// <summary>A queue message as the queue function receives it: its (base64-decoded) text, id and how often it was dequeued.</summary>
public sealed record IncomingMessage(string Text, string Id, long DequeueCount);
