using ImageWarmer.Core.Failures;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>
/// Imports with ACR's server-side <c>importImage</c> (production): ACR pulls from the source itself, so no bytes go
/// through ImageWarmer. Imports <c>repository@digest</c> (the digest the plan saw) and always names the target tag;
/// <c>NoForce</c> unless the drift policy asked to re-import, and a NoForce conflict means another worker won (present,
/// not failed). An index over ACR's 50-manifest limit goes to
/// the OCI copy importer when one is configured, or fails with that reason.
/// </summary>
public sealed class AcrImportImporter(
    AcrImportClient arm, RegistryClient registry, IOptions<RegistryOptions> registryOptions, IImageImporter? fallback = null) : IImageImporter
{
    /// <summary>The name configuration uses for this importer.</summary>
    public const string ImporterName = "acr-import";

    /// <summary>Most manifests (an index and its platform manifests) one import may carry.</summary>
    public const int ManifestLimit = 50;

    /// <inheritdoc/>
    public string Name => ImporterName;

    /// <inheritdoc/>
    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var source = request.Source; // repo@<the digest the plan saw>: a tag moving upstream meanwhile changes nothing
        if (MediaTypes.IsIndex(request.SourceMediaType) && await ManifestCountAsync(source, cancellationToken) is var count and > ManifestLimit)
        {
            return fallback is not null
                ? await fallback.ImportAsync(request, progress, cancellationToken)
                : throw new ImportFailedException(FailureKind.Refused,
                    $"{source.Familiar} has {count} manifests, over ACR import's limit of {ManifestLimit}; set ImageWarmer:AcrImport:FallbackToOciCopy "
                    + "(with push access to the registry) to copy it instead");
        }

        var body = new AcrImportRequest(
            AcrImportSource.For(
                source,
                source.Digest is { } digest ? $"{source.Repository}@{digest}" : $"{source.Repository}:{source.Tag}",
                registryOptions.Value,
                arm.Settings),
            [request.Spec.Target.ToString()],
            request.Overwrite ? "Force" : "NoForce");
        var imported = await arm.ImportAsync(body, cancellationToken);
        // ACR copies manifests byte for byte: the target digest is the source's (known to the plan, not asked again here).
        return new ImportResult(!imported, null, 0, 0, 0);
    }

    /// <inheritdoc/>
    /// <remarks>An import of the registry into itself (<c>source.resourceId</c> is the target's own id), by digest, under
    /// the other tag: ACR copies nothing, and needs no data-plane push.</remarks>
    public async Task KeepAsync(TagBackup backup, CancellationToken cancellationToken = default)
    {
        var self = arm.Settings.RegistryResourceId
            ?? throw new ConfigurationException("ImageWarmer:AcrImport:RegistryResourceId is not set: the acr-import importer needs the registry's ARM id");
        var body = new AcrImportRequest(
            new AcrImportSource(null, $"{backup.Repository}@{backup.Digest}", null, self), [$"{backup.Repository}:{backup.Tag}"], "NoForce");
        await arm.ImportAsync(body, cancellationToken);
    }

    // The index and its platform manifests: one GET of the index (a pull), only for multi-platform images.
    private async Task<int> ManifestCountAsync(ImageReference source, CancellationToken cancellationToken)
    {
        var index = await registry.TryGetManifestAsync(source, cancellationToken)
            ?? throw new ImportFailedException(FailureKind.NotFound, $"{source.Familiar} is not in {source.Registry} (any more)");
        return 1 + ManifestReferences.Parse(index).Manifests.Count;
    }
}
