namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>One Dockerfile instruction after line continuations are joined: its first line, keyword and arguments.</summary>
public sealed record DockerfileInstruction(int Line, string Keyword, string Arguments);
