using System.CommandLine;
using Azure;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ImageWarmer.Cli;

/// <summary>What every verb shares: where output goes, and the engine built from configuration
/// (<c>appsettings.json</c>, <c>--config</c>, <c>ImageWarmer__*</c> environment variables, then the verb's own options).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>A Spectre console on <see cref="Output"/>; plain and wide when it is not a terminal (logs, files).</summary>
    public IAnsiConsole Console { get; } = CreateConsole(output);

    /// <summary>Whether output goes to a person at a terminal (progress displays only make sense there).</summary>
    public bool IsTerminal { get; } = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;

    /// <summary>Builds the engine; the shared options (<see cref="CommonOptions"/>) and <paramref name="overrides"/>
    /// win over files and environment.</summary>
    public ServiceProvider BuildServices(ParseResult parseResult, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (parseResult.GetValue(CommonOptions.Config) is { } file)
        {
            builder.AddJsonFile(file.Exists ? file.FullName : throw new InvalidOperationException($"config file {file.FullName} does not exist"));
        }
        IConfiguration configuration;
        try
        {
            configuration = builder.AddEnvironmentVariables()
                .AddInMemoryCollection(CommonOptions.ToSettings(parseResult).Concat(overrides ?? []))
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException($"configuration could not be read: {e.Message}", e);
        }
        return new ServiceCollection().AddImageWarmer(configuration).BuildServiceProvider(validateScopes: true);
    }

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }
        return console;
    }

    /// <summary>
    /// Runs a verb's work; the failures users cause or meet (a missing snapshot, no storage configured, a storage
    /// service that refuses) end as one clear line on stderr and exit 1, not a stack trace.
    /// </summary>
    public async Task<int> GuardAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is SnapshotNotFoundException or InvalidOperationException)
        {
            return Fail(e.Message);
        }
        catch (RequestFailedException e)
        {
            return Fail($"storage request failed: {e.Status} {e.ErrorCode ?? e.Message}");
        }
    }

    /// <summary>Reports a fatal error on <see cref="Error"/> and returns the fatal exit code.</summary>
    public int Fail(string message)
    {
        Error.WriteLine($"imagewarmer: {message}");
        return ExitCodes.Fatal;
    }
}
