using System.CommandLine;
using ImageWarmer.Cli.Options;
using ImageWarmer.Cli.Output;
using ImageWarmer.Core;
using ImageWarmer.Core.Failures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ImageWarmer.Cli;

/// <summary>What every verb shares: where output goes, and the engine built from configuration
/// (<c>appsettings.json</c>, <c>--config</c>, <c>ImageWarmer__*</c> environment variables, then the verb's own options).</summary>
/// <remarks>Output that does not go to a terminal (a pipeline's log, a file) passes a <see cref="WorkflowCommandGuard"/>:
/// no line of it can start a runner command ImageWarmer did not write.</remarks>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    /// <summary>Whether output goes to a person at a terminal (progress displays only make sense there).</summary>
    public bool IsTerminal { get; } = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;

    public TextWriter Output { get; } = Guarded(output, ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected);

    public TextWriter Error { get; } = Guarded(error, ReferenceEquals(error, System.Console.Error) && !System.Console.IsErrorRedirected);

    /// <summary>A Spectre console on <see cref="Output"/>; plain and wide when it is not a terminal (logs, files).</summary>
    public IAnsiConsole Console => _console ??= CreateConsole(Output, IsTerminal);

    private IAnsiConsole? _console;

    private static TextWriter Guarded(TextWriter writer, bool terminal) => terminal ? writer : new WorkflowCommandGuard(writer);

    /// <summary>Builds the engine; the settings of the verb's option <paramref name="groups"/> win over files and environment.</summary>
    /// <exception cref="ConfigurationException">The config file is missing or not JSON.</exception>
    public ServiceProvider BuildServices(ParseResult parseResult, params IEnumerable<OptionGroup> groups) =>
        Validated(new ServiceCollection().AddImageWarmer(Configuration(parseResult, groups)).BuildServiceProvider(validateScopes: true));

    /// <summary>Builds the engine for <c>warm</c>: the importer's settings are checked before anything is planned.</summary>
    /// <exception cref="ConfigurationException">An importer setting is missing or wrong.</exception>
    public ServiceProvider BuildImportingServices(ParseResult parseResult, params IEnumerable<OptionGroup> groups) =>
        Validated(new ServiceCollection().AddImageWarmer(Configuration(parseResult, groups)).AddImageWarmerImporterChecks().BuildServiceProvider(validateScopes: true));

    /// <summary>Builds the engine for <c>worker</c> and <c>nightly</c>, which run what the Functions app runs: the
    /// settings it cannot work without are checked here, before anything is dequeued or enqueued.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or wrong.</exception>
    public ServiceProvider BuildWorkerServices(ParseResult parseResult, params IEnumerable<OptionGroup> groups) =>
        Validated(new ServiceCollection().AddImageWarmer(Configuration(parseResult, groups)).AddImageWarmerWorker().BuildServiceProvider(validateScopes: true));

    // What a host does at start-up: every ValidateOnStart check, so a wrong setting is one line before any work.
    private static ServiceProvider Validated(ServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return services;
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            services.Dispose();
            var failures = e is AggregateException all
                ? all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures)
                : ((OptionsValidationException)e).Failures;
            throw new ConfigurationException(string.Join("; ", failures.Distinct()), e);
        }
    }

    private static IConfiguration Configuration(ParseResult parseResult, IEnumerable<OptionGroup> groups)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (parseResult.GetValue(GlobalOptions.Instance.Config) is { } file)
        {
            builder.AddJsonFile(file.Exists ? file.FullName : throw new ConfigurationException($"config file {file.FullName} does not exist"));
        }
        IConfiguration configuration;
        try
        {
            configuration = builder.AddEnvironmentVariables()
                .AddInMemoryCollection(groups.SelectMany(g => g.ToSettings(parseResult)))
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException($"configuration could not be read: {e.Message}", e);
        }
        return configuration;
    }

    /// <summary>Whether the verb is to print JSON.</summary>
    public static bool Json(ParseResult parseResult) => parseResult.GetValue(GlobalOptions.Instance.Json);

    /// <summary>Writes <paramref name="json"/> (already serialised) as the verb's whole output.</summary>
    public Task WriteJsonAsync(string json) => Output.WriteLineAsync(json);

    private static IAnsiConsole CreateConsole(TextWriter output, bool terminal)
    {
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
}
