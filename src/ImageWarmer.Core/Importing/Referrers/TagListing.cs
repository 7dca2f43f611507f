using System.Collections.Concurrent;
using ImageWarmer.Core.References;
using ImageWarmer.Core.Registry;

namespace ImageWarmer.Core.Importing.Referrers;

/// <summary>The tags of each repository, listed once for one run (a plan counts the referrers of many images in few
/// repositories).</summary>
public sealed class TagListing(RegistryClient client)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlySet<string>>>> _tags = new(StringComparer.Ordinal);

    /// <summary>The tags of <paramref name="repository"/> (empty when the repository is not there).</summary>
    public Task<IReadOnlySet<string>> OfAsync(RepositoryRef repository, CancellationToken cancellationToken = default) =>
        _tags.GetOrAdd(repository.ToString(), _ => new Lazy<Task<IReadOnlySet<string>>>(async () =>
            (IReadOnlySet<string>)await client.ListTagsAsync(repository, cancellationToken: cancellationToken)
                .ToHashSetAsync(StringComparer.Ordinal, cancellationToken))).Value;
}
