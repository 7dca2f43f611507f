using System.Text;

namespace ImageWarmer.Core.Mirroring;

/// <summary>
/// <c>registries.conf</c> (version 2) for containers/image: buildah, podman, skopeo, CRI-O. Each source is a
/// <c>[[registry]]</c> whose mirror is the target under its prefix (containers/image replaces the matched prefix with
/// the mirror's location, so <c>docker.io/library/debian</c> is asked of <c>myacr.azurecr.io/mirror/library/debian</c>),
/// falling back to the source. Strict: the target becomes the registry's <c>location</c> and nothing falls back.
/// Short names are Docker Hub's (<c>unqualified-search-registries</c>), as in the Dockerfiles written for Docker.
/// Usable as the whole file (<c>CONTAINERS_REGISTRIES_CONF</c>) or as a drop-in under <c>registries.conf.d/</c>.
/// See containers/image <c>docs/containers-registries.conf.5.md</c>.
/// </summary>
public sealed class RegistriesConfWriter : IMirrorConfigWriter
{
    /// <summary>The format's name.</summary>
    public const string Name = "registries.conf";

    /// <inheritdoc/>
    public string Format => Name;

    /// <inheritdoc/>
    public bool WritesFolder => false;

    /// <inheritdoc/>
    public bool CanMirror(string source) => true;

    /// <inheritdoc/>
    public IReadOnlyList<MirrorFile> Write(MirrorSet mirrors, Func<string, string?> current)
    {
        var text = new StringBuilder()
            .Append("# Written by `imagewarmer mirror`: ").Append(mirrors.Registry).Append(" answers for the registries below")
            .AppendLine(mirrors.Strict ? " and nothing else does (strict)." : ", which still answer what it lacks.")
            .Append("# No credentials here: buildah, podman and skopeo read those of ").Append(mirrors.Registry)
            .AppendLine(" from auth.json (az acr login, podman login).")
            .AppendLine()
            .AppendLine("# A short name (FROM debian) means Docker Hub, as it does to the docker build its Dockerfile was written for.")
            .AppendLine("unqualified-search-registries = [\"docker.io\"]");
        foreach (var route in mirrors.Routes)
        {
            text.AppendLine()
                .AppendLine("[[registry]]")
                .Append("prefix = ").AppendLine(TomlText.Quote(route.Source));
            if (mirrors.Strict)
            {
                text.Append("location = ").AppendLine(TomlText.Quote(route.MirrorLocation));
                AppendInsecure(text, route.MirrorPlainHttp);
                continue;
            }
            text.Append("location = ").AppendLine(TomlText.Quote(route.UpstreamMoved ? route.Upstream.Authority : route.Source));
            AppendInsecure(text, route.UpstreamPlainHttp);
            text.AppendLine()
                .AppendLine("[[registry.mirror]]")
                .Append("location = ").AppendLine(TomlText.Quote(route.MirrorLocation));
            AppendInsecure(text, route.MirrorPlainHttp);
        }
        return [new MirrorFile(Name, text.ToString())];
    }

    private static void AppendInsecure(StringBuilder text, bool plainHttp)
    {
        if (plainHttp)
        {
            text.AppendLine("insecure = true");
        }
    }
}
