using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing;

/// <summary>
/// The manifests of one image's graph (or of one image's referrers) as they are copied: each distinct digest is
/// fetched once, however many indexes list it and however often, and the graph holds at most
/// <see cref="RegistryOptions.MaxManifestsPerImage"/> of them. An index listing an index 30 times, which lists a leaf
/// 30 times, is three fetches, not 931; a graph past the cap fails before its next fetch is sent. Memory is the set of
/// digests seen, bounded by the cap.
/// </summary>
public sealed class ManifestGraph
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly string _what;
    private readonly int _maxManifests;

    /// <summary>A graph of <paramref name="what"/> (named in the error), holding at most <paramref name="maxManifests"/> manifests.</summary>
    public ManifestGraph(string what, int maxManifests, params IEnumerable<string> alreadyCopied)
    {
        _what = what;
        _maxManifests = Math.Max(1, maxManifests);
        Subject = alreadyCopied.FirstOrDefault() ?? what;
        foreach (var digest in alreadyCopied)
        {
            _seen.Add(digest);
        }
    }

    /// <summary>The first manifest counted as met: the image, or the subject of the referrers.</summary>
    public string Subject { get; }

    /// <summary>How many distinct manifests the graph has met.</summary>
    public int Count => _seen.Count;

    /// <summary>Whether <paramref name="digest"/> was already met (fetched, or being fetched, in this graph).</summary>
    public bool Contains(string digest) => _seen.Contains(digest);

    /// <summary>Of <paramref name="children"/> (what the manifest <paramref name="parent"/> lists), those not met yet, each
    /// once, now counted as met.</summary>
    /// <exception cref="ImportFailedException">They would take the graph past its cap (<see cref="FailureKind.InvalidInput"/>),
    /// checked before any of them is fetched.</exception>
    public IReadOnlyList<Descriptor> Admit(IEnumerable<Descriptor> children, string parent)
    {
        var fresh = children.Where(c => !_seen.Contains(c.Digest)).DistinctBy(c => c.Digest).ToList();
        if (_seen.Count + fresh.Count > _maxManifests)
        {
            throw new ImportFailedException(FailureKind.InvalidInput,
                $"{_what}: {parent} lists {fresh.Count:N0} more manifests, past the {_maxManifests:N0} one image may have " +
                "(ImageWarmer:Registry:MaxManifestsPerImage); nothing more fetched");
        }
        foreach (var child in fresh)
        {
            _seen.Add(child.Digest);
        }
        return fresh;
    }
}
