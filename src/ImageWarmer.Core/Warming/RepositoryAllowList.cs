using ImageWarmer.Core.References;

namespace ImageWarmer.Core.Warming;

/// <summary>
/// <see cref="WarmingOptions.AllowedRepositories"/> as a test of a source repository, by whole path segments: an entry
/// admits the repository of that name and every repository below it (<c>sonatype</c> admits <c>sonatype/nexus3</c>,
/// never <c>sonatypeevil/nexus3</c>). A leading or trailing <c>/</c> of an entry is ignored (<c>library/</c> is
/// <c>library</c>). An empty list admits every repository.
/// </summary>
public static class RepositoryAllowList
{
    /// <summary>Whether <paramref name="entries"/> admit <paramref name="repository"/>.</summary>
    public static bool Admits(IReadOnlyCollection<string> entries, string repository) =>
        entries.Count == 0 || entries.Select(Normalise).Any(entry =>
            repository == entry || repository.StartsWith(entry + "/", StringComparison.Ordinal));

    /// <summary>Whether <paramref name="entry"/> is a repository path (once its slashes at either end are trimmed):
    /// an empty entry or a pattern would admit more than it says.</summary>
    public static bool IsValidEntry(string entry) => ReferenceGrammar.TryCheckRepository(Normalise(entry), out _);

    private static string Normalise(string entry) => entry.Trim().Trim('/');
}
