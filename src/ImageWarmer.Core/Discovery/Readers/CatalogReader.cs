using ImageWarmer.Core.Discovery.Yaml;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// Reads the explicit catalog <c>imagewarmer.yaml</c>, for images that scripts pull and no other manifest names:
/// <code>
/// version: 1
/// images:
///   - nginx:1.27.3                      # a reference alone
///   - source: postgres:16.4             # or a mapping:
///     target: mirrors/postgres          #   ACR repository[:tag] (optional)
///     digest: sha256:…                  #   pin (optional)
/// </code>
/// </summary>
public sealed class CatalogReader : IManifestReader
{
    private static readonly string[] EntryFields = ["source", "target", "digest"];

    /// <inheritdoc/>
    public ManifestKind Kind => ManifestKind.Catalog;

    /// <inheritdoc/>
    public void Read(string path, string text, ManifestFindings findings)
    {
        var root = SafeYamlLoader.Load(path, text);
        if (root is null)
        {
            return;
        }
        if (root.Kind != YamlTreeKind.Mapping)
        {
            findings.AddProblem(path, root.Line, $"imagewarmer.yaml must be a mapping with 'version' and 'images', not {root.Description}");
            return;
        }
        var fields = new YamlFields(path, findings);
        var version = fields.Text(root, "version", "version", out var versionLine);
        if (version is not null && version != "1")
        {
            findings.AddProblem(path, versionLine, $"version {version} is not supported (this ImageWarmer reads version 1)");
            return;
        }
        var images = root.Get("images");
        if (images is null || images.IsNull)
        {
            return;
        }
        if (images.Kind != YamlTreeKind.Sequence)
        {
            findings.AddProblem(path, images.Line, $"images must be a list, not {images.Description}");
            return;
        }
        foreach (var entry in images.Items)
        {
            ReadEntry(path, text, entry, findings);
        }
    }

    private void ReadEntry(string path, string text, YamlTreeNode entry, ManifestFindings findings)
    {
        // Fields of their own per entry: one wrong-typed entry must not silence the next.
        var fields = new YamlFields(path, findings);
        string? source, target = null, digest = null;
        int sourceLine, targetLine = entry.Line, digestLine = entry.Line;
        switch (entry.Kind)
        {
            case YamlTreeKind.Scalar when !entry.IsNull:
                (source, sourceLine) = (entry.Value!.Trim(), entry.Line);
                break;
            case YamlTreeKind.Mapping:
                foreach (var unknown in entry.Entries.Where(e => !EntryFields.Contains(e.Key)))
                {
                    findings.AddProblem(path, unknown.Value.Line, $"unknown field '{unknown.Key}' (an image has {string.Join(", ", EntryFields)})");
                }
                source = fields.Text(entry, "source", "source", out sourceLine);
                target = fields.Text(entry, "target", "target", out targetLine);
                digest = fields.Text(entry, "digest", "digest", out digestLine);
                if (fields.HasWrongTypes)
                {
                    return;
                }
                break;
            default:
                findings.AddProblem(path, entry.Line, $"an image must be a reference or a mapping with 'source', not {entry.Description}");
                return;
        }

        if (source is null)
        {
            findings.AddProblem(path, entry.Line, "image entry has no 'source'");
            return;
        }
        if (!ImageReference.TryParse(source, out var reference, out var error))
        {
            findings.AddProblem(path, sourceLine, $"'{source}' is not a valid image reference: {error}");
            return;
        }
        if (digest is not null && !ReferenceFields.TryApplyDigest(ref reference, digest, "digest", out error))
        {
            findings.AddProblem(path, digestLine, error);
            return;
        }
        TargetImage? targetImage = null;
        if (target is not null && !ReferenceFields.TryTarget(reference, target, "target", out targetImage, out error))
        {
            findings.AddProblem(path, targetLine, error);
            return;
        }
        var site = entry.Kind == YamlTreeKind.Mapping ? YamlDigestSites.OfMapping(entry, "source", text) : YamlDigestSites.OfReference(entry, text);
        findings.AddImage(reference, targetImage, new ImageOrigin(path, sourceLine, Kind) { Site = site });
    }
}
