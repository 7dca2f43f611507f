using System.CommandLine;

namespace ImageWarmer.Cli.Options;

/// <summary>
/// Options that travel together to every verb of a family (every verb that talks to a registry, every verb with a
/// target, every verb that reads manifests…), built once and attached per verb so that verbs cannot drift apart.
/// Each group also says which settings its options stand for, so that an option, an environment variable and
/// appsettings.json all land in the same configuration key.
/// </summary>
internal abstract class OptionGroup
{
    /// <summary>The group's options.</summary>
    public abstract IEnumerable<Option> Options { get; }

    /// <summary>The configuration settings the options on <paramref name="parseResult"/> stand for.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult) => [];

    /// <summary>Adds the group's options to <paramref name="command"/>.</summary>
    public void AttachTo(Command command)
    {
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }
    }
}
