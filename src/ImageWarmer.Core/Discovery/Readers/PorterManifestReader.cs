using ImageWarmer.Core.Discovery.Yaml;
using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// Reads a Porter bundle's <c>custom.runtime_image</c>: an <c>import</c> block (<c>source</c>, <c>tag</c>, optional
/// <c>digest</c>) names a public image, and <c>name</c> its ACR repository. A <c>build</c> block declares nothing
/// here; its Dockerfile's FROM lines are read by <see cref="DockerfileReader"/>.
/// </summary>
public sealed class PorterManifestReader : IManifestReader
{
    private const string ImportField = "custom.runtime_image.import";

    /// <inheritdoc/>
    public ManifestKind Kind => ManifestKind.Porter;

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
            findings.AddProblem(path, root.Line, $"porter.yaml must be a mapping at the top level, not {root.Description}");
            return;
        }

        var fields = new YamlFields(path, findings);
        var custom = fields.Mapping(root, "custom", "custom");
        var runtime = custom is null ? null : fields.Mapping(custom, "runtime_image", "custom.runtime_image");
        var import = runtime is null ? null : fields.Mapping(runtime, "import", ImportField);
        if (runtime is null || import is null)
        {
            return;
        }

        var source = fields.Text(import, "source", $"{ImportField}.source", out var sourceLine);
        var tag = fields.Text(import, "tag", $"{ImportField}.tag", out var tagLine);
        var digest = fields.Text(import, "digest", $"{ImportField}.digest", out var digestLine);
        var name = fields.Text(runtime, "name", "custom.runtime_image.name", out var nameLine);
        if (fields.HasWrongTypes)
        {
            return;
        }
        if (source is null)
        {
            findings.AddProblem(path, import.Line, $"{ImportField}.source is missing: name the public image to import");
            return;
        }
        if (!ImageReference.TryParse(source, out var reference, out var error))
        {
            findings.AddProblem(path, sourceLine, $"{ImportField}.source '{source}' is not a valid image reference: {error}");
            return;
        }
        if (tag is not null && !ReferenceFields.TryApplyTag(ref reference, tag, $"{ImportField}.tag", out error))
        {
            findings.AddProblem(path, tagLine, error);
            return;
        }
        if (digest is not null && !ReferenceFields.TryApplyDigest(ref reference, digest, $"{ImportField}.digest", out error))
        {
            findings.AddProblem(path, digestLine, error);
            return;
        }

        TargetImage? target = null;
        if (name is not null && !ReferenceFields.TryTarget(reference, name, "custom.runtime_image.name", out target, out error))
        {
            findings.AddProblem(path, nameLine, error);
            return;
        }
        findings.AddImage(reference, target, new ImageOrigin(path, sourceLine, Kind) { Site = YamlDigestSites.OfMapping(import, "source", text) });
    }
}
