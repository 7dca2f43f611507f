using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Core.Operations.Plan;
using ImageWarmer.Core.Operations.Warm;

namespace ImageWarmer.Cli.Commands;

/// <summary>What <c>plan</c> and <c>warm</c> share: the option groups of a verb that reads manifests and talks to a
/// target registry, and the <see cref="PlanRequest"/> or <see cref="WarmRunRequest"/> they stand for.</summary>
internal static class RunVerb
{
    public static IReadOnlyList<OptionGroup> Groups { get; } =
        [ManifestOptionGroup.Instance, LockOptionGroup.Instance, TargetOptionGroup.Instance, RegistryOptionGroup.Instance];

    /// <summary>A verb with the groups attached and <c>--manifests</c> required.</summary>
    public static Command Create(string name, string description)
    {
        var command = new Command(name, description);
        foreach (var group in Groups)
        {
            group.AttachTo(command);
        }
        command.Validators.Add(result =>
        {
            if (result.GetValue(ManifestOptionGroup.Instance.Manifests) is not { Length: > 0 })
            {
                result.AddError("--manifests is required: a folder, a .tar.gz snapshot, or blob:");
            }
        });
        return command;
    }

    public static PlanRequest PlanRequest(ParseResult parseResult) =>
        new(ManifestOptionGroup.Instance.Locations(parseResult), parseResult.GetValue(TargetOptionGroup.Instance.Registry))
        {
            LockFile = parseResult.GetValue(LockOptionGroup.Instance.Lock),
        };

    public static WarmRunRequest WarmRequest(ParseResult parseResult) =>
        new(ManifestOptionGroup.Instance.Locations(parseResult), parseResult.GetValue(TargetOptionGroup.Instance.Registry))
        {
            LockFile = parseResult.GetValue(LockOptionGroup.Instance.Lock),
        };
}
