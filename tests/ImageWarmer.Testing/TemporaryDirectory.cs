namespace ImageWarmer.Testing;

/// <summary>A folder that exists for one test and is deleted after it.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates an empty folder under the system's temp path.</summary>
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    /// <summary>The folder's full path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "imagewarmer-tests", Guid.NewGuid().ToString("n"));

    /// <summary>Writes <paramref name="content"/> at <paramref name="relativePath"/>, creating folders; returns the full path.</summary>
    public string Write(string relativePath, string content) => Write(relativePath, System.Text.Encoding.UTF8.GetBytes(content));

    /// <inheritdoc cref="Write(string, string)"/>
    public string Write(string relativePath, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary>Copies a folder tree into this one.</summary>
    public void CopyFrom(string source)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            Write(System.IO.Path.GetRelativePath(source, file), File.ReadAllBytes(file));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
