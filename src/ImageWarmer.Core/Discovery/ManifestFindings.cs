using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>Collects what the readers find in one scan; <see cref="ImportSpecBuilder"/> turns it into a result.</summary>
public sealed class ManifestFindings
{
    private readonly List<DeclaredImage> _images = [];
    private readonly List<ScanProblem> _problems = [];

    /// <summary>Images in the order they were found (not necessarily file order: see <see cref="ImportSpecBuilder"/>).</summary>
    public IReadOnlyList<DeclaredImage> Images => _images;

    /// <summary>Problems in the order they were met.</summary>
    public IReadOnlyList<ScanProblem> Problems => _problems;

    /// <summary>Records an image declared at <paramref name="origin"/>.</summary>
    public void AddImage(ImageReference source, TargetImage? target, ImageOrigin origin) => _images.Add(new(source, target, origin));

    /// <summary>Takes over everything <paramref name="other"/> found (scans read files in parallel).</summary>
    public void AddRange(ManifestFindings other)
    {
        _images.AddRange(other._images);
        _problems.AddRange(other._problems);
    }

    /// <summary>Records a problem at <paramref name="path"/> (and <paramref name="line"/> when known).</summary>
    public void AddProblem(string path, int? line, string message) => _problems.Add(new(path, line, message));
}
