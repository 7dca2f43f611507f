using System.Text;

namespace ImageWarmer.Core.Mirroring;

/// <summary>
/// containerd's <c>hosts.toml</c>, one per source in a <c>certs.d</c>-style folder (<c>docker.io/hosts.toml</c>): point
/// containerd's <c>config_path</c>, or <c>ctr --hosts-dir</c>, at the folder. The target is a pull-and-resolve host tried
/// before <c>server</c> (the source, where ImageWarmer reaches it); containerd appends <c>/v2</c> to a host URL, so a
/// prefix is written as the API root itself with <c>override_path</c> (containerd 1.6+). Strict: the target is the
/// <c>server</c> as well, so no other host is ever asked. See containerd <c>docs/hosts.md</c>, <c>core/remotes/docker/config/hosts.go</c>.
/// </summary>
public sealed class HostsTomlWriter : IMirrorConfigWriter
{
    /// <summary>The format's name.</summary>
    public const string Name = "hosts.toml";

    /// <inheritdoc/>
    public string Format => Name;

    /// <inheritdoc/>
    public bool WritesFolder => true;

    /// <inheritdoc/>
    public bool CanMirror(string source) => true;

    /// <inheritdoc/>
    public IReadOnlyList<MirrorFile> Write(MirrorSet mirrors, Func<string, string?> current) =>
        [.. mirrors.Routes.Select(route => new MirrorFile($"{route.Source}/{Name}", HostsFile(mirrors, route)))];

    private static string HostsFile(MirrorSet mirrors, MirrorRoute route)
    {
        var text = new StringBuilder()
            .Append("# Written by `imagewarmer mirror`: ").Append(mirrors.Registry).Append(" answers for ").Append(route.Source)
            .AppendLine(mirrors.Strict ? " and nothing else does (strict)." : ", which still answers what it lacks.")
            .AppendLine("# No credentials here: hosts.toml has no place for them (ImageWarmer's docs/pipelines.md says how clients log in).")
            .AppendLine();
        // Strict: the mirror is the server too, so nothing else is ever asked. It stays a [host] as well, because
        // containerd before 2.0 refuses a file without one ("invalid `host` tree") and then silently uses the source.
        text.Append("server = ").AppendLine(TomlText.Quote(mirrors.Strict ? MirrorUrl(route) : route.Upstream.GetLeftPart(UriPartial.Authority)));
        if (mirrors.Strict)
        {
            AppendOverridePath(text, route, "");
        }
        text.AppendLine()
            .Append("[host.").Append(TomlText.Quote(MirrorUrl(route))).AppendLine("]")
            .AppendLine("  capabilities = [\"pull\", \"resolve\"]");
        AppendOverridePath(text, route, "  ");
        return text.ToString();
    }

    private static string MirrorUrl(MirrorRoute route) =>
        route.Prefix is null ? route.Mirror.GetLeftPart(UriPartial.Authority) : $"{route.Mirror.GetLeftPart(UriPartial.Authority)}/v2/{route.Prefix}";

    private static void AppendOverridePath(StringBuilder text, MirrorRoute route, string indent)
    {
        if (route.Prefix is not null)
        {
            text.Append(indent).AppendLine("override_path = true");
        }
    }
}
