namespace ImageWarmer.Core.Mirroring;

/// <summary>One file of a client configuration: its path under the output (a file name, or <c>docker.io/hosts.toml</c>
/// in a <c>certs.d</c>-style folder) and its whole text. It never holds a credential.</summary>
public sealed record MirrorFile(string RelativePath, string Content);
