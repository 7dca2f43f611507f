namespace ImageWarmer.Core.Importing;

/// <summary>Brings one image into the target registry; chosen by <c>ImageWarmer:Warming:Importer</c>.</summary>
public interface IImageImporter
{
    /// <summary>The name configuration and <c>--importer</c> use: <c>oci-copy</c> or <c>acr-import</c>.</summary>
    string Name { get; }

    /// <summary>Imports the image. Failures throw, each with its <see cref="Failures.FailureKind"/> (<see cref="ImportFailedException"/>, registry and HTTP errors); a
    /// tag that appeared meanwhile is <see cref="ImportResult.AlreadyPresent"/>, never overwritten unless asked.</summary>
    Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="TagBackup.Tag"/> on the image the target repository holds as <see cref="TagBackup.Digest"/>
    /// (the image a tag pointed at before it moves), with the same digest. Whether that tag is free was asked first.</summary>
    Task KeepAsync(TagBackup backup, CancellationToken cancellationToken = default);
}
