namespace ImageWarmer.Core.Mirroring;

/// <summary>Writes one client's configuration for a <see cref="MirrorSet"/>, or refuses with the reason when the client
/// cannot say what the set says (a mirror path, a strict mode, a moved source).</summary>
public interface IMirrorConfigWriter
{
    /// <summary>The format's name as <c>--format</c> takes it (<c>registries.conf</c>).</summary>
    string Format { get; }

    /// <summary>Whether the output is a folder of files rather than one file.</summary>
    bool WritesFolder { get; }

    /// <summary>Whether this client can mirror <paramref name="source"/> at all (Docker Engine: Docker Hub only).</summary>
    bool CanMirror(string source);

    /// <summary>The files for <paramref name="mirrors"/>; <paramref name="current"/> gives a file's present text (null when
    /// there is none), for a format that keeps what else the file says.</summary>
    /// <exception cref="Failures.ConfigurationException">The client cannot express <paramref name="mirrors"/>.</exception>
    IReadOnlyList<MirrorFile> Write(MirrorSet mirrors, Func<string, string?> current);
}
