using System.CommandLine;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Planning;

namespace ImageWarmer.Cli.Options;

/// <summary>What every verb with a target registry takes: <c>--registry</c> (default: <c>ImageWarmer:Planning:TargetRegistry</c>).</summary>
internal sealed class TargetOptionGroup : OptionGroup
{
    public static readonly TargetOptionGroup Instance = new();

    public Option<string?> Registry { get; } = new("--registry")
    {
        Description = "The target registry's login server, e.g. myacr.azurecr.io (default: ImageWarmer:Planning:TargetRegistry)",
    };

    private TargetOptionGroup() =>
        Registry.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } host && !TargetRegistry.TryValidate(host, out _, out _))
            {
                result.AddError($"--registry must be a registry host such as myacr.azurecr.io or 127.0.0.1:5000, not '{host}'");
            }
        });

    public override IEnumerable<Option> Options => [Registry];

    // Also a setting, so that what runs inside (the queue function's handler under `worker`) sees the same target.
    public override IEnumerable<KeyValuePair<string, string?>> ToSettings(ParseResult parseResult) =>
        parseResult.GetValue(Registry) is { } host ? [new($"{PlanningOptions.SectionName}:TargetRegistry", host)] : [];
}
