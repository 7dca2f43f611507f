using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Operations.HandleMessage;

/// <summary>A warm request failed in a way a later try might fix: thrown so the queue retries it (and, after
/// <c>maxDequeueCount</c> tries, moves it to the poison queue). The ledger already holds the reason.</summary>
public sealed class WarmRequestRetryException(string message) : ImageWarmerException(FailureKind.Transient, message);
