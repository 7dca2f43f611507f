using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Mirroring;

namespace ImageWarmer.Core.Operations.Mirror;

/// <summary>Writes a configuration's files: one file at the output path, or a folder's files under it. Each file is
/// written beside itself and moved into place, so a daemon that reads it never sees half a file.</summary>
internal static class MirrorFileOutput
{
    public static async Task WriteAsync(string output, bool folder, IReadOnlyList<MirrorFile> files, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(output);
        foreach (var file in files)
        {
            var path = folder ? Path.GetFullPath(Path.Combine(root, file.RelativePath)) : root;
            if (folder && !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ConfigurationException($"refusing to write {file.RelativePath} outside {root}");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():n}.tmp";
            try
            {
                await File.WriteAllTextAsync(temporary, file.Content, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }
}
