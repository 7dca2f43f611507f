using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Mirroring;

/// <summary>The client configurations <c>imagewarmer mirror</c> writes, by <c>--format</c> name.</summary>
public static class MirrorFormats
{
    private static readonly IMirrorConfigWriter[] Writers =
        [new RegistriesConfWriter(), new HostsTomlWriter(), new BuildkitdTomlWriter(), new DaemonJsonWriter()];

    /// <summary>Every format's name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Writers.Select(w => w.Format)];

    /// <summary>The writer of <paramref name="format"/>.</summary>
    /// <exception cref="ConfigurationException">No such format.</exception>
    public static IMirrorConfigWriter For(string format) =>
        Writers.FirstOrDefault(w => w.Format.Equals(format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ConfigurationException($"the mirror format must be one of {string.Join(", ", Names)}, not '{format}'") { Input = UserInput.MirrorFormat };
}
