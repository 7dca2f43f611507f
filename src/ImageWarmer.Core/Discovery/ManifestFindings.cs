using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery;

/// <summary>Collects what the readers find in one scan; <see cref="ImportSpecBuilder"/> turns it into a result. Problems
/// are untrusted text (a snapshot chooses its file names), so each is cut to a length and their number is capped:
/// past <see cref="MaxProblems"/> they are only counted.</summary>
public sealed class ManifestFindings
{
    /// <summary>Most problems kept; the rest are counted in <see cref="ProblemsDropped"/>.</summary>
    public const int MaxProblems = 1000;

    /// <summary>Most image declarations kept from one scan (a team declares hundreds; a hostile snapshot could declare
    /// millions in a few MiB of <c>FROM</c> lines); past it they are counted in <see cref="DeclarationsDropped"/>.</summary>
    public const int MaxDeclarations = 100_000;

    /// <summary>Longest path kept in a problem (longer ones keep their start and end).</summary>
    public const int MaxPathLength = 256;

    /// <summary>Longest message kept in a problem.</summary>
    public const int MaxMessageLength = 1024;

    private readonly List<DeclaredImage> _images = [];
    private readonly List<ScanProblem> _problems = [];

    /// <summary>Images in the order they were found (not necessarily file order: see <see cref="ImportSpecBuilder"/>).</summary>
    public IReadOnlyList<DeclaredImage> Images => _images;

    /// <summary>Problems in the order they were met, at most <see cref="MaxProblems"/>.</summary>
    public IReadOnlyList<ScanProblem> Problems => _problems;

    /// <summary>Problems met past <see cref="MaxProblems"/>, counted and not kept.</summary>
    public int ProblemsDropped { get; private set; }

    /// <summary>Declarations met past <see cref="MaxDeclarations"/>, counted and not kept.</summary>
    public int DeclarationsDropped { get; private set; }

    /// <summary>Records an image declared at <paramref name="origin"/>.</summary>
    public void AddImage(ImageReference source, TargetImage? target, ImageOrigin origin)
    {
        if (_images.Count >= MaxDeclarations)
        {
            DeclarationsDropped++;
            return;
        }
        _images.Add(new(source, target, origin));
    }

    /// <summary>Takes over everything <paramref name="other"/> found (scans read files in parallel).</summary>
    public void AddRange(ManifestFindings other)
    {
        var imageRoom = Math.Max(0, MaxDeclarations - _images.Count);
        _images.AddRange(other._images.Take(imageRoom));
        DeclarationsDropped += other.DeclarationsDropped + Math.Max(0, other._images.Count - imageRoom);
        var room = Math.Max(0, MaxProblems - _problems.Count);
        _problems.AddRange(other._problems.Take(room));
        ProblemsDropped += other.ProblemsDropped + Math.Max(0, other._problems.Count - room);
    }

    /// <summary>Records a problem at <paramref name="path"/> (and <paramref name="line"/> when known).</summary>
    public void AddProblem(string path, int? line, string message)
    {
        if (_problems.Count >= MaxProblems)
        {
            ProblemsDropped++;
            return;
        }
        _problems.Add(new(Shorten(path, MaxPathLength), line, Shorten(message, MaxMessageLength)));
    }

    /// <summary><paramref name="text"/> cut to <paramref name="limit"/> characters, keeping its start and end and saying
    /// how much was left out.</summary>
    public static string Shorten(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        var keep = Math.Max(8, (limit - 40) / 2);
        return $"{text[..keep]}…({text.Length - 2 * keep:N0} characters left out)…{text[^keep..]}";
    }
}
