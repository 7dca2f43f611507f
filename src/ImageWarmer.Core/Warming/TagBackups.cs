using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// Before a drifted tag is re-imported (<see cref="DriftPolicy.Reimport"/>), keeps the image it points at under the
/// backup tag (<see cref="WarmingOptions.BackupTag"/>), so a rollback is one tag away. A backup tag that holds the same
/// image already is enough; one that holds another (a tag that moved twice that day) is left alone and the next free
/// one (<c>.2</c>, <c>.3</c>…) is used. When no backup can be made, the tag does not move.
/// </summary>
public sealed class TagBackups(RegistryClient registry, IOptions<WarmingOptions> options, TimeProvider time)
{
    private const int MaxTries = 9;

    /// <summary>The backup of <paramref name="item"/>'s target (made now, or found), or null when backups are off.</summary>
    /// <exception cref="ImageWarmerException">No backup could be made (<see cref="FailureKind.Refused"/>): the tag must not move.</exception>
    public async Task<KeptTag?> KeepAsync(PlanItem item, IImageImporter importer, string targetRegistry, CancellationToken cancellationToken = default)
    {
        var template = options.Value.BackupTag;
        if (string.IsNullOrEmpty(template) || item.TargetDigest is not { } digest)
        {
            return null;
        }
        var target = item.Spec.Target;
        if (!BackupTagName.TryFormat(template, target.Tag, time.GetUtcNow(), out var name, out var error))
        {
            throw new ImageWarmerException(FailureKind.Configuration, $"ImageWarmer:Warming:BackupTag: {error}");
        }
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var tag = attempt == 1 ? name : $"{name}.{attempt}";
            if (!TargetImage.TryCreate(target.Repository, tag, out var backup, out error))
            {
                throw new ImageWarmerException(FailureKind.Refused, $"not re-imported: its backup tag '{tag}' cannot be a tag ({error})");
            }
            var existing = await registry.TryResolveAsync(backup.In(targetRegistry), cancellationToken);
            if (existing is null)
            {
                await importer.KeepAsync(new TagBackup(targetRegistry, target.Repository, digest, tag), cancellationToken);
                return new KeptTag(tag, digest);
            }
            if (existing.Digest == digest)
            {
                return new KeptTag(tag, digest);
            }
        }
        throw new ImageWarmerException(FailureKind.Refused, $"not re-imported: the backup tags {name} to {name}.{MaxTries} all hold other images");
    }
}
