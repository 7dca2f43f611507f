using System.Text;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Mirroring;

/// <summary>
/// <c>buildkitd.toml</c> for BuildKit (<c>docker buildx</c>, <c>docker/setup-buildx-action</c>'s <c>buildkitd-config</c>):
/// <c>[registry."docker.io"] mirrors = ["myacr.azurecr.io/mirror"]</c>. BuildKit joins a mirror's path onto <c>/v2</c>
/// (v0.12+), so a prefix is expressed; plain HTTP to the mirror goes under the mirror host's own table (v0.13+). It
/// always falls back to the source as BuildKit itself reaches it, so it can neither be strict nor follow a moved source.
/// See moby/buildkit <c>docs/buildkitd.toml.md</c>, <c>util/resolver/resolver.go</c>.
/// </summary>
public sealed class BuildkitdTomlWriter : IMirrorConfigWriter
{
    /// <summary>The format's name.</summary>
    public const string Name = "buildkitd.toml";

    /// <inheritdoc/>
    public string Format => Name;

    /// <inheritdoc/>
    public bool WritesFolder => false;

    /// <inheritdoc/>
    public bool CanMirror(string source) => true;

    /// <inheritdoc/>
    public IReadOnlyList<MirrorFile> Write(MirrorSet mirrors, Func<string, string?> current)
    {
        if (mirrors.Strict)
        {
            throw new ConfigurationException($"{Name} cannot be strict: BuildKit always falls back to the source registry after its mirrors (use registries.conf or hosts.toml for a build that must never reach it)");
        }
        if (mirrors.Routes.FirstOrDefault(r => r.UpstreamMoved) is { } moved)
        {
            throw new ConfigurationException($"{Name} cannot send {moved.Source} to {moved.Upstream.Authority} (the endpoint ImageWarmer reaches it at): BuildKit falls back to {moved.Source} itself")
            {
                Input = UserInput.SourceEndpoint,
            };
        }
        var text = new StringBuilder()
            .Append("# Written by `imagewarmer mirror`: ").Append(mirrors.Registry)
            .AppendLine(" answers for the registries below, which still answer what it lacks.")
            .Append("# No credentials here: BuildKit asks the build's client for those of ").Append(mirrors.Registry)
            .AppendLine(" (docker login, az acr login).");
        foreach (var route in mirrors.Routes)
        {
            text.AppendLine()
                .Append("[registry.").Append(TomlText.Quote(route.Source)).AppendLine("]")
                .Append("  mirrors = [").Append(TomlText.Quote(route.MirrorLocation)).AppendLine("]");
            if (route.UpstreamPlainHttp)
            {
                text.AppendLine("  http = true");
            }
        }
        var mirror = mirrors.Routes.FirstOrDefault();
        if (mirror is { MirrorPlainHttp: true })
        {
            text.AppendLine()
                .Append("[registry.").Append(TomlText.Quote(mirror.Mirror.Authority)).AppendLine("]")
                .AppendLine("  http = true");
        }
        return [new MirrorFile(Name, text.ToString())];
    }
}
