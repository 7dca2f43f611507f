using System.Collections.Concurrent;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Importing;

/// <summary>
/// Copies an image between any two OCI registries, by the digest the plan saw (<see cref="ImportRequest.Source"/>), child first: index, then each platform manifest, then its config
/// and layers. A blob the target repository has is skipped (HEAD); one the target registry holds in another
/// repository (or the source, when both are one registry) is mounted; the rest are streamed from source to target
/// in one pass, their digests verified on the way. Manifests are copied byte for byte, so digests are preserved, and
/// the tag is written last: no tag ever points at a partial image. A blob that fails mid-copy is sent again, whole.
/// </summary>
public sealed class OciCopyImporter(RegistryClient client, IOptions<RegistryOptions> options) : IImageImporter
{
    /// <summary>The name configuration uses for this importer.</summary>
    public const string ImporterName = "oci-copy";

    private const int BlobAttempts = 3;
    private const int ParallelBlobs = 3;

    // An index of indexes is allowed by the spec; a chain of them is only a way to make us fetch without end.
    private const int MaxIndexDepth = 3;

    // Where in each target registry this process has put a blob: later images mount it instead of sending it again.
    private readonly ConcurrentDictionary<(string Registry, string Digest), string> _placed = new();

    /// <inheritdoc/>
    public string Name => ImporterName;

    /// <inheritdoc/>
    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var source = request.Source; // by the planned digest when known: verified as it arrives
        var target = request.Spec.Target.In(request.TargetRegistry);
        var manifest = await client.TryGetManifestAsync(source, cancellationToken)
            ?? throw new ImportFailedException(FailureKind.NotFound, $"{source.Familiar} is not in {source.Registry} (any more)");

        var copied = await CopyContentAsync(source, target, manifest, progress, null, cancellationToken);

        if (!request.Overwrite && await client.TryResolveAsync(target, cancellationToken) is { } existing)
        {
            // Someone tagged it while we copied: theirs stands (an existing tag is never overwritten unasked).
            return copied with { AlreadyPresent = true, Digest = existing.Digest };
        }
        await client.PutManifestAsync(target.Location, target.Tag!, manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken);
        return copied;
    }

    /// <summary>Copies everything <paramref name="manifest"/> (fetched from <paramref name="source"/>) points at into
    /// <paramref name="target"/>'s repository: child manifests by digest, then config and layers. Not the manifest
    /// itself: the caller writes it, last, under a tag or its digest. What images and their referrers share. <paramref name="graph"/>
    /// is the graph the manifest belongs to (each distinct manifest fetched once, up to the cap); a new one of its own when null.</summary>
    public async Task<ImportResult> CopyContentAsync(
        ImageReference source, ImageReference target, ManifestContent manifest, IProgress<ImportProgress>? progress = null, ManifestGraph? graph = null,
        CancellationToken cancellationToken = default)
    {
        var copy = new CopyRun(source, target, progress, graph ?? NewGraph(source.Familiar, manifest.Descriptor.Digest));
        await CopyChildrenAsync(copy, manifest, 0, cancellationToken);
        return new ImportResult(false, manifest.Descriptor.Digest, copy.Bytes, copy.Copied, copy.Skipped);
    }

    /// <summary>A graph for <paramref name="what"/> with this process's cap, <paramref name="alreadyCopied"/> counted as met.</summary>
    public ManifestGraph NewGraph(string what, params IEnumerable<string> alreadyCopied) =>
        new(what, options.Value.MaxManifestsPerImage, alreadyCopied);

    /// <inheritdoc/>
    /// <remarks>The manifest is already in the repository: it is written again under the other tag, and nothing is copied.</remarks>
    public async Task KeepAsync(TagBackup backup, CancellationToken cancellationToken = default)
    {
        var current = ImageReference.Parse($"{backup.TargetRegistry}/{backup.Repository}@{backup.Digest}");
        var manifest = await client.TryGetManifestAsync(current, cancellationToken)
            ?? throw new ImportFailedException(FailureKind.NotFound, $"{current} is not in {backup.TargetRegistry} any more: nothing to keep");
        await client.PutManifestAsync(current.Location, backup.Tag, manifest.Descriptor.MediaType, manifest.Bytes, cancellationToken);
    }

    private async Task CopyChildrenAsync(CopyRun copy, ManifestContent manifest, int depth, CancellationToken cancellationToken)
    {
        var references = ManifestReferences.Parse(manifest);
        if (references.Manifests.Count > 0 && depth >= MaxIndexDepth)
        {
            throw new ImportFailedException(FailureKind.InvalidInput,
                $"{copy.Source.Familiar}: indexes nested more than {MaxIndexDepth} deep (at {manifest.Descriptor.Digest}); not copied");
        }
        // A child this graph met already (listed twice, or by another index) was copied with its children then.
        foreach (var child in copy.Graph.Admit(references.Manifests, manifest.Descriptor.Digest))
        {
            var childManifest = await client.TryGetManifestAsync(ImageReference.Parse($"{copy.Source.Name}@{child.Digest}"), cancellationToken)
                ?? throw new ImportFailedException(FailureKind.NotFound, $"{copy.Source.Familiar}: platform manifest {child.Digest} is not in {copy.Source.Registry}");
            await CopyChildrenAsync(copy, childManifest, depth + 1, cancellationToken);
            if (await client.TryResolveAsync(ImageReference.Parse($"{copy.Target.Name}@{child.Digest}"), cancellationToken) is null)
            {
                await client.PutManifestAsync(copy.Target.Location, child.Digest, childManifest.Descriptor.MediaType, childManifest.Bytes, cancellationToken);
            }
        }
        copy.AddTotal(references.BlobBytes);
        await Parallel.ForEachAsync(references.Blobs.DistinctBy(b => b.Digest),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBlobs, CancellationToken = cancellationToken },
            async (blob, token) => await CopyBlobAsync(copy, blob, token));
    }

    private async Task CopyBlobAsync(CopyRun copy, Descriptor blob, CancellationToken cancellationToken)
    {
        var (source, target) = (copy.Source, copy.Target);
        if (await client.TryResolveBlobAsync(target.Location, blob.Digest, cancellationToken) is not null
            || await TryMountAsync(copy, blob, cancellationToken))
        {
            copy.Skip(blob.Size);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            var sent = 0L;
            // A source that stops sending mid-blob would hold the copy forever: every byte received re-arms the timer.
            var idleTimeout = options.Value.BlobIdleTimeout;
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(idleTimeout);
            try
            {
                await using var stream = new HashingReadStream(
                    await client.OpenBlobAsync(source.Location, blob.Digest, idle.Token),
                    read =>
                    {
                        sent += read;
                        idle.CancelAfter(idleTimeout);
                        copy.Progress(read);
                    });
                await client.UploadBlobAsync(target.Location, blob.Digest, stream, blob.Size, idle.Token);
                if (stream.BytesRead != blob.Size || stream.Digest != blob.Digest)
                {
                    throw new DigestMismatchException($"blob {blob.Digest} of {source.Familiar} arrived as {stream.Digest} ({stream.BytesRead} bytes): not copied");
                }
                copy.Copy(blob.Size);
                _placed[(target.Registry, blob.Digest)] = target.Repository;
                return;
            }
            // A broken connection or a server hiccup mid-blob is worth another try; a refusal or a bad digest is not.
            catch (Exception e) when (attempt < BlobAttempts && Failure.KindOf(e, cancellationToken) == FailureKind.Transient)
            {
                copy.Progress(-sent);
            }
        }
    }

    private async Task<bool> TryMountAsync(CopyRun copy, Descriptor blob, CancellationToken cancellationToken)
    {
        var from = copy.Source.Registry == copy.Target.Registry ? copy.Source.Repository
            : _placed.GetValueOrDefault((copy.Target.Registry, blob.Digest));
        return from is not null && from != copy.Target.Repository
            && await client.TryMountBlobAsync(copy.Target.Location, blob.Digest, from, cancellationToken);
    }

    // Counters of one image's copy, shared by its parallel blob copies.
    private sealed class CopyRun(ImageReference source, ImageReference target, IProgress<ImportProgress>? progress, ManifestGraph graph)
    {
        private const long ReportEvery = 1 << 20;

        private long _bytes, _total, _done;
        private int _copied, _skipped;

        public ImageReference Source { get; } = source;
        public ImageReference Target { get; } = target;
        public ManifestGraph Graph { get; } = graph;
        public long Bytes => Interlocked.Read(ref _bytes);
        public int Copied => _copied;
        public int Skipped => _skipped;

        public void AddTotal(long bytes) => Interlocked.Add(ref _total, bytes);

        public void Progress(long bytes)
        {
            var done = Interlocked.Add(ref _done, bytes);
            var total = Interlocked.Read(ref _total);
            // A report per MiB, per rewind and at the end is all a progress bar shows; one per socket read (16 KiB)
            // would queue a callback for every read of a 1 GiB layer.
            if (progress is not null && (bytes < 0 || done >= total || done / ReportEvery != (done - bytes) / ReportEvery))
            {
                progress.Report(new ImportProgress(Target.FullyQualified, done, total));
            }
        }

        public void Copy(long bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            Interlocked.Increment(ref _copied);
        }

        public void Skip(long bytes)
        {
            Interlocked.Increment(ref _skipped);
            Progress(bytes);
        }
    }
}
