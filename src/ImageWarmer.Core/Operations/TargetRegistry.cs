using System.Diagnostics.CodeAnalysis;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.References;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Operations;

/// <summary>
/// The target registry of a run, decided and checked once for every use case: the one the caller names, else
/// <c>ImageWarmer:Planning:TargetRegistry</c>. It must be a registry host (<c>myacr.azurecr.io</c>,
/// <c>127.0.0.1:5000</c>), not a repository or a URL.
/// </summary>
public sealed class TargetRegistry(IOptions<PlanningOptions> planning)
{
    /// <summary>The checked host for a run that names <paramref name="given"/> (or nothing).</summary>
    /// <exception cref="ConfigurationException">No target registry, or not a registry host.</exception>
    public string Resolve(string? given)
    {
        var host = given ?? planning.Value.TargetRegistry
            ?? throw new ConfigurationException("ImageWarmer:Planning:TargetRegistry is not set: name the target registry (e.g. myacr.azurecr.io)")
            {
                Input = UserInput.TargetRegistry,
            };
        return TryValidate(host, out var valid, out var error) ? valid : throw new ConfigurationException(error);
    }

    /// <summary>Whether <paramref name="host"/> is a registry host; <paramref name="valid"/> is it normalised (lower case).</summary>
    public static bool TryValidate(string host, [NotNullWhen(true)] out string? valid, [NotNullWhen(false)] out string? error)
    {
        if (RegistryHost.TryParse(host, out var parsed, out _))
        {
            (valid, error) = (parsed.Name, null);
            return true;
        }
        (valid, error) = (null, $"the target registry must be a registry host such as myacr.azurecr.io or 127.0.0.1:5000, not '{host}'");
        return false;
    }
}
