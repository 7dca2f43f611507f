namespace ImageWarmer.Core.Importing;

/// <summary>How far a copy of one image has come, in blob bytes.</summary>
public sealed record ImportProgress(string Target, long BytesDone, long BytesTotal);
