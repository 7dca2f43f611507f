using Azure.Core;
using ImageWarmer.Core.Concurrency;
using ImageWarmer.Core.Contracts;
using ImageWarmer.Core.Discovery.Readers;
using ImageWarmer.Core.Discovery.Snapshots;
using ImageWarmer.Core.Discovery;
using ImageWarmer.Core.Importing.Acr;
using ImageWarmer.Core.Importing.Referrers;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Mirroring;
using ImageWarmer.Core.Operations;
using ImageWarmer.Core.Operations.Drain;
using ImageWarmer.Core.Operations.Ensure;
using ImageWarmer.Core.Operations.HandleMessage;
using ImageWarmer.Core.Operations.Lock;
using ImageWarmer.Core.Operations.Mirror;
using ImageWarmer.Core.Operations.Nightly;
using ImageWarmer.Core.Operations.Pin;
using ImageWarmer.Core.Operations.Plan;
using ImageWarmer.Core.Operations.Prune;
using ImageWarmer.Core.Operations.Request;
using ImageWarmer.Core.Operations.Scan;
using ImageWarmer.Core.Operations.SnapshotPush;
using ImageWarmer.Core.Operations.Status;
using ImageWarmer.Core.Operations.Warm;
using ImageWarmer.Core.Planning;
using ImageWarmer.Core.Registry.Traffic;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Storage;
using ImageWarmer.Core.Retention;
using ImageWarmer.Core.Warming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core;

/// <summary>The one registration of ImageWarmer's engine, shared by the Functions app and the CLI.</summary>
public static class ImageWarmerServiceCollectionExtensions
{
    private static readonly string[] KnownImporters = [OciCopyImporter.ImporterName, AcrImportImporter.ImporterName];

    /// <summary>Registers discovery, the registry client, planning, importing, storage and the use cases
    /// (<see cref="Operations"/>), with options bound from <c>ImageWarmer:*</c>.</summary>
    public static IServiceCollection AddImageWarmer(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.SectionName);
        services.AddOptions<SnapshotOptions>().BindConfiguration(SnapshotOptions.SectionName)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxSnapshotBytes >= o.MaxFileBytes && o.MaxArchiveBytes > 0 && o.MaxArchiveHeaderBytes > 0 && o.MaxPathLength > 0,
                "ImageWarmer:Snapshot limits must be positive, and MaxSnapshotBytes at least MaxFileBytes")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            // The ledger's rows from before rows were per registry belong to the configured target.
            .Configure<IOptions<PlanningOptions>>((storage, planning) => storage.LedgerRegistry ??= planning.Value.TargetRegistry);

        services.AddSingleton<IManifestReader, PorterManifestReader>();
        services.AddSingleton<IManifestReader, DockerfileReader>();
        services.AddSingleton<IManifestReader, CatalogReader>();
        services.AddSingleton(sp => new ManifestScanner(
            sp.GetServices<IManifestReader>(),
            sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value,
            sp.GetRequiredService<IOptions<SnapshotOptions>>().Value));

        services.AddRegistryClient();
        services.AddOptions<PlanningOptions>().BindConfiguration(PlanningOptions.SectionName)
            .Validate(o => o.MaxConcurrency > 0, "ImageWarmer:Planning:MaxConcurrency must be positive")
            .Validate(o => o.TargetRegistry is null || TargetRegistry.TryValidate(o.TargetRegistry, out _, out _),
                "ImageWarmer:Planning:TargetRegistry must be a registry host such as myacr.azurecr.io")
            .ValidateOnStart();
        services.AddSingleton(sp => new ConcurrencyLimits(
            sp.GetRequiredService<IOptions<PlanningOptions>>().Value.MaxConcurrency, sp.GetRequiredService<IOptions<WarmingOptions>>().Value.MaxConcurrentImports));
        services.AddSingleton<WarmPlanner>();
        services.AddSingleton<WarmRecorder>();
        services.AddSingleton<DigestVerifier>();
        services.AddOptions<WarmingOptions>().BindConfiguration(WarmingOptions.SectionName)
            .Validate(o => o.MaxConcurrentImports > 0, "ImageWarmer:Warming:MaxConcurrentImports must be positive")
            .Validate(o => o.AllowedRepositories.All(RepositoryAllowList.IsValidEntry),
                "ImageWarmer:Warming:AllowedRepositories must be repository paths (sonatype, library/nginx), none empty")
            .Validate(o => o.MinDeferral >= TimeSpan.Zero && o.MinDeferral <= WarmQueue.MaxVisibilityDelay,
                "ImageWarmer:Warming:MinDeferral must be between 0 and 7 days")
            .Validate(o => o.MaxDeferrals >= 0, "ImageWarmer:Warming:MaxDeferrals must be 0 or more")
            .Validate(o => BackupTagName.IsValidTemplate(o.BackupTag),
                "ImageWarmer:Warming:BackupTag must hold {tag} (and may hold date formats such as {yyyyMMdd}), or be empty")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .Validate(o => o.After is null || o.After > TimeSpan.Zero, "ImageWarmer:Retention:After must be a positive time span (30.00:00:00), or unset")
            .ValidateOnStart();
        AddImporters(services);
        services.AddSingleton<ReferrerFinder>();
        services.AddSingleton<ReferrerCopier>();
        services.AddSingleton<ReferrerSync>();
        services.AddSingleton<ReferrerStep>();
        services.AddSingleton<TagBackups>();
        services.AddSingleton<ReplacementProof>();
        services.AddSingleton<TagRemover>();
        services.AddSingleton<ManifestUsers>();
        services.AddSingleton<ImportGate>();
        services.AddSingleton<UpstreamBudget>();
        services.AddSingleton<WarmService>();
        services.AddSingleton<WarmRequestReader>();
        services.AddSingleton<QueueRequestVetting>();
        services.AddSingleton<DeferralPolicy>();

        AddStorage(services);
        AddOperations(services);
        return services;
    }

    /// <summary>
    /// For every process that imports (<c>warm</c> as well as the unattended ones): the importer's settings are checked
    /// at start-up, so <c>--importer acr-import</c> without the registry's ARM id is a configuration error whether or
    /// not this run has anything to import.
    /// </summary>
    public static IServiceCollection AddImageWarmerImporterChecks(this IServiceCollection services)
    {
        services.AddOptions<WarmingOptions>()
            .Validate(o => KnownImporters.Contains(o.Importer, StringComparer.OrdinalIgnoreCase),
                $"ImageWarmer:Warming:Importer must be {string.Join(" or ", KnownImporters)}")
            .ValidateOnStart();
        services.AddOptions<AcrImportOptions>()
            .Validate<IOptions<WarmingOptions>>(
                (acr, warming) => !AcrImportImporter.ImporterName.Equals(warming.Value.Importer, StringComparison.OrdinalIgnoreCase)
                    || !string.IsNullOrWhiteSpace(acr.RegistryResourceId),
                "ImageWarmer:AcrImport:RegistryResourceId is not set: the acr-import importer needs the registry's ARM id")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// For the processes that work unattended (the Functions app, <c>imagewarmer worker</c> and <c>nightly</c>): the
    /// settings they cannot work without are checked at start-up (<c>ValidateOnStart</c>), so a missing target
    /// registry, an unknown importer or a missing registry resource id stops the process before any message is
    /// dequeued instead of failing every message into the poison queue; and the registry client retries only short
    /// hiccups inside a queue try (<see cref="WorkerOptions"/>), so the queue's own tries are the outer loop.
    /// </summary>
    public static IServiceCollection AddImageWarmerWorker(this IServiceCollection services)
    {
        services.AddOptions<PlanningOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.TargetRegistry),
                "ImageWarmer:Planning:TargetRegistry is not set: name the target registry (e.g. myacr.azurecr.io)")
            .ValidateOnStart();
        services.AddImageWarmerImporterChecks();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName)
            .Validate(o => o.RegistryRetryAttempts >= 0 && o.RegistryRetryBudget >= TimeSpan.Zero,
                "ImageWarmer:Worker: RegistryRetryAttempts and RegistryRetryBudget must not be negative")
            .ValidateOnStart();
        services.AddOptions<RegistryOptions>().PostConfigure<IOptions<WorkerOptions>>((registry, worker) =>
        {
            registry.MaxRetryAttempts = Math.Min(registry.MaxRetryAttempts, worker.Value.RegistryRetryAttempts);
            registry.MaxRetryAfter = registry.MaxRetryAfter < worker.Value.RegistryRetryBudget ? registry.MaxRetryAfter : worker.Value.RegistryRetryBudget;
        });
        return services;
    }

    private static void AddImporters(IServiceCollection services)
    {
        services.AddSingleton<OciCopyImporter>();
        services.AddSingleton<IImageImporter>(sp => sp.GetRequiredService<OciCopyImporter>());
        services.AddOptions<AcrImportOptions>().BindConfiguration(AcrImportOptions.SectionName);
        services.AddSingleton(sp => new AcrImportClient(
            AcrImportClient.CreatePipeline(sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<IOptions<AcrImportOptions>>().Value.ArmEndpoint),
            sp.GetRequiredService<IOptions<AcrImportOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IImageImporter>(sp => new AcrImportImporter(
            sp.GetRequiredService<AcrImportClient>(),
            sp.GetRequiredService<RegistryClient>(),
            sp.GetRequiredService<IOptions<RegistryOptions>>(),
            sp.GetRequiredService<IOptions<AcrImportOptions>>().Value.FallbackToOciCopy ? sp.GetRequiredService<OciCopyImporter>() : null));
    }

    // Storage implements the ports the use cases own (Contracts); nothing is created until a use case needs it.
    private static void AddStorage(IServiceCollection services)
    {
        services.AddSingleton<StorageClients>();
        services.AddSingleton<WarmQueue>();
        services.AddSingleton<IWarmRequestQueue>(sp => sp.GetRequiredService<WarmQueue>());
        services.AddSingleton<StatusLedger>();
        services.AddSingleton<IStatusLedger>(sp => sp.GetRequiredService<StatusLedger>());
        services.AddSingleton<IRunReportStore, RunReports>();
        services.AddSingleton<SnapshotSources>();
        services.AddSingleton(sp => new SnapshotPublisher(
            sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<IOptions<SnapshotOptions>>().Value));
    }

    private static void AddOperations(IServiceCollection services)
    {
        services.AddSingleton<TargetRegistry>();
        services.AddSingleton<WarmMetrics>();
        services.AddSingleton<ScanOperation>();
        services.AddSingleton<PlanOperation>();
        services.AddSingleton<WarmOperation>();
        services.AddSingleton<RequestOperation>();
        services.AddSingleton<EnsureOperation>();
        services.AddSingleton<TargetDigests>();
        services.AddSingleton<LockOperation>();
        services.AddSingleton<StatusOperation>();
        services.AddSingleton<SnapshotPushOperation>();
        services.AddSingleton<NightlyOperation>();
        services.AddSingleton<HandleMessageOperation>();
        services.AddSingleton<DrainOperation>();
        services.AddSingleton<PruneOperation>();
        services.AddSingleton<PinOperation>();
        services.AddSingleton<MirrorRoutes>();
        services.AddSingleton<MirrorOperation>();
    }
}
