using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Mirroring;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations.Mirror;

/// <summary>
/// Writes the client configuration that makes the target registry the mirror of every source registry ImageWarmer
/// warms from (Docker Hub always, and each registry the manifests declare), so that builds read the images the
/// nightly run warmed without a Dockerfile naming ACR. The mirror path follows the target naming (the prefix); where
/// the source is reached and whether plain HTTP is allowed follow ImageWarmer's own endpoints and insecure list.
/// </summary>
public sealed class MirrorOperation(TargetRegistry targets, ScanOperation scan, MirrorRoutes routes, IOptions<DiscoveryOptions> discovery)
{
    /// <summary>Builds the configuration and writes it to <see cref="MirrorRequest.Output"/> when one is named.</summary>
    /// <exception cref="ConfigurationException">The format cannot say what is asked (one line why), or a setting is wrong.</exception>
    public async Task<MirrorResult> RunAsync(MirrorRequest request, CancellationToken cancellationToken = default)
    {
        var writer = MirrorFormats.For(request.Format);
        var registry = targets.Resolve(request.TargetRegistry);
        if (writer.WritesFolder && request.Output is null)
        {
            throw new ConfigurationException($"{writer.Format} is a folder of files: name the folder to write (e.g. /etc/containerd/certs.d)") { Input = UserInput.MirrorOutput };
        }
        var prefix = discovery.Value.TargetPrefix;
        var scanned = request.Manifests is not { Count: > 0 } ? null : await scan.RunAsync(new ScanRequest(request.Manifests, registry), cancellationToken);
        var images = scanned?.Images ?? [];
        var all = routes.For(registry, prefix, images.Select(i => i.Source.Registry).Prepend(MirrorRoutes.AlwaysMirrored));
        var mirrored = all.Where(r => writer.CanMirror(r.Source)).ToList();
        var unmirrored = all.Where(r => !writer.CanMirror(r.Source))
            .Select(r => new UnmirroredSource(r.Source, $"{writer.Format} cannot mirror {r.Source}: builds pull its images from it")).ToList();

        var files = writer.Write(new MirrorSet(registry, mirrored, request.Strict), relative => Current(request.Output, writer, relative));
        if (request.Output is { } output)
        {
            await MirrorFileOutput.WriteAsync(output, writer.WritesFolder, files, cancellationToken);
        }
        return new MirrorResult(registry, writer.Format, request.Strict, request.Output, files, mirrored, unmirrored,
            Unreachable(images, registry, prefix), scanned?.Problems ?? []);
    }

    // An image whose ACR name is its own choice, not the derived one, is not where a mirror looks for its source.
    private static List<UnreachableImage> Unreachable(IReadOnlyList<ImportSpec> images, string registry, string? prefix) =>
        [.. images.Where(i => i.Source.Registry != registry)
            .Select(i => (Image: i, Asks: TargetImage.TryDerive(i.Source, prefix, out var derived, out _) ? derived.Repository : null))
            .Where(x => x.Asks != x.Image.Target.Repository)
            .Select(x => new UnreachableImage(x.Image, x.Asks ?? $"{prefix?.Trim('/')}/{x.Image.Source.Repository}".TrimStart('/')))];

    private static string? Current(string? output, IMirrorConfigWriter writer, string relative)
    {
        var path = output is null ? null : writer.WritesFolder ? Path.Combine(output, relative) : output;
        return path is not null && File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
