using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace ImageWarmer.Cli;

/// <summary>
/// The ordinary mistakes of a command line, found before anything runs and said in the user's words: a misspelled
/// option (never read as an image or a path: <c>ensure --manifest B</c>), an unknown or missing verb, a one-value
/// option given twice. Each with the nearest right word when there is one.
/// </summary>
internal static partial class UsageMistakes
{
    [GeneratedRegex(@"^Option '(?<option>[^']+)' expects a single argument but (?<count>\d+) were provided\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex SingleArgument();

    /// <summary>The one line that says what is wrong with the command line, or null when nothing is.</summary>
    public static string? Find(ParseResult parsed, RootCommand root)
    {
        var command = parsed.CommandResult.Command;
        if (command == root && !parsed.Tokens.Any(t => t.Type == TokenType.Option && IsHelpOrVersion(t.Value)))
        {
            var verbs = root.Subcommands.Select(c => c.Name).ToList();
            var first = parsed.Tokens.FirstOrDefault(t => t.Type != TokenType.Option)?.Value;
            return first is null
                ? $"name a verb: {string.Join(", ", verbs)} (see imagewarmer --help)"
                : $"unknown verb '{first}'{DidYouMean(first, verbs)}; the verbs are {string.Join(", ", verbs)} (see imagewarmer --help)";
        }
        var known = KnownOptions(command).ToList();
        // A token that looks like an option but is none, wherever the parser put it: left over, or taken as an argument.
        var stray = parsed.UnmatchedTokens
            .Concat(parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value))
            .FirstOrDefault(token => token.Length > 1 && token[0] == '-' && !known.Contains(NameOf(token), StringComparer.Ordinal));
        if (stray is not null)
        {
            var name = NameOf(stray);
            var nearest = DidYouMean(name, known.Where(k => k.StartsWith("--", StringComparison.Ordinal)));
            return $"unknown option '{name}' for {Verb(command)}{(nearest.Length > 0 ? nearest : OtherVerbsTaking(name, root))} (see imagewarmer {Verb(command)} --help)";
        }
        if (parsed.Errors.Count == 0)
        {
            return null;
        }
        return $"{string.Join("; ", parsed.Errors.Select(e => Reword(e.Message)).Distinct())} (see imagewarmer {Verb(command)} --help)";
    }

    /// <summary>The parser's words for a one-value option given twice, as a user would say it.</summary>
    public static string Reword(string message) =>
        SingleArgument().Match(message) is { Success: true } match
            ? $"{match.Groups["option"].Value} takes one value, but was given {match.Groups["count"].Value}"
            : message.TrimEnd('.');

    /// <summary>" (did you mean X?)" for the candidate nearest to <paramref name="typed"/>, or "" when none is near.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(typed, c)))
            .Where(c => c.Distance <= Math.Max(2, typed.Length / 3)
                || (typed.Length >= 4 && (c.Candidate.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(c.Candidate, StringComparison.Ordinal))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is null ? "" : $" (did you mean {best.Candidate}?)";
    }

    // An option this verb does not have but others do (prune --lock) is no typo: say who takes it, so the user sees the
    // option is not ignored here but means nothing to this verb.
    private static string OtherVerbsTaking(string name, RootCommand root)
    {
        var verbs = Verbs(root).Where(c => c.Options.Any(o => o.Name == name || o.Aliases.Contains(name))).Select(Verb).ToList();
        return verbs.Count == 0 ? "" : $"; {string.Join(", ", verbs)} {(verbs.Count == 1 ? "takes" : "take")} it";
    }

    private static IEnumerable<Command> Verbs(Command command) =>
        command.Subcommands.SelectMany(c => c.Subcommands.Count == 0 ? [c] : Verbs(c));

    // The verb's own options, and the recursive ones of every command above it (--json, --config, --verbose, --help).
    private static IEnumerable<string> KnownOptions(Command command) =>
        command.Options.Concat(Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive)))
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(["--help", "-h", "-?"]);

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    // "snapshot push", not "push".
    private static string Verb(Command command) =>
        string.Join(' ', Ancestors(command).Where(p => p is not RootCommand).Reverse().Select(p => p.Name).Append(command.Name));

    private static bool IsHelpOrVersion(string token) => token is "--help" or "-h" or "-?" or "/?" or "/h" or "--version";

    // --registry=x and --registry:x name --registry.
    private static string NameOf(string token) => token.IndexOfAny(['=', ':']) is var at and > 0 ? token[..at] : token;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
