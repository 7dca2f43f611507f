using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Warming;

namespace ImageWarmer.Core.Operations.Request;

/// <summary>Enqueues a v1 warm request for the queue function, checked first as the function will check it (allow-lists,
/// and a target only in the repository derived from the source), so that a request the function would reject fails
/// here, in the pipeline that made it. (Whether upstream vouches for a tag other than the source's is for the worker
/// to find out: it asks upstream.)</summary>
public sealed class RequestOperation(WarmRequestReader reader, IWarmRequestQueue queue)
{
    /// <summary>The queue message <paramref name="image"/> stands for, and the image it names.</summary>
    /// <exception cref="ImageWarmerException">Not a valid or allowed request (<see cref="FailureKind.InvalidInput"/>).</exception>
    public (WarmRequest Request, ImportSpec Spec) Check(ImageRequest image)
    {
        var request = new WarmRequest(WarmRequest.CurrentVersion, image.Image, image.Target, image.RequestedBy, image.Force);
        return reader.TryToSpec(request, out var spec, out var reason)
            ? (request, spec)
            : throw new ImageWarmerException(FailureKind.InvalidInput, reason);
    }

    /// <summary>The image <paramref name="image"/> names and its ACR name, checked against the allow-lists but not
    /// against the queue's rule for targets (a manifest may name any repository): what <c>ensure</c> and <c>status</c> look up.</summary>
    /// <exception cref="ImageWarmerException">Not a valid or allowed image (<see cref="FailureKind.InvalidInput"/>).</exception>
    public ImportSpec Name(ImageRequest image) =>
        reader.TryName(new WarmRequest(WarmRequest.CurrentVersion, image.Image, image.Target, image.RequestedBy, image.Force), out var spec, out var reason)
            ? spec
            : throw new ImageWarmerException(FailureKind.InvalidInput, reason);

    /// <summary>Checks and enqueues the request.</summary>
    public async Task<RequestResult> RunAsync(ImageRequest image, CancellationToken cancellationToken = default)
    {
        var (request, spec) = Check(image);
        var id = await queue.EnqueueAsync(request, cancellationToken: cancellationToken);
        return new RequestResult(id, spec.Source.FullyQualified, spec.Target.ToString(), queue.Name);
    }
}
