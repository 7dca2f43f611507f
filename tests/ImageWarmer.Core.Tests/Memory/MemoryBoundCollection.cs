namespace ImageWarmer.Core.Tests.Memory;

/// <summary>Tests that measure what a scan or a read allocates run alone: <see cref="GC.GetTotalAllocatedBytes"/> counts
/// every thread, and a test running beside them would be counted too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundCollection
{
    public const string Name = "memory bounds";
}
