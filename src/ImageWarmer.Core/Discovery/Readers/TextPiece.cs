namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>A run of an instruction's joined text that comes unchanged from one place in the file: its start in the
/// joined text, its start in the file, and its length.</summary>
public readonly record struct TextPiece(int Joined, int Original, int Length);
