using ImageWarmer.Core.Importing;

namespace ImageWarmer.Core.Warming;

/// <summary>How a warm run imports. Section <c>ImageWarmer:Warming</c>.</summary>
public sealed class WarmingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ImageWarmer:Warming";

    /// <summary><c>oci-copy</c> (any registry; local runs) or <c>acr-import</c> (ACR's server-side import: production).</summary>
    public string Importer { get; set; } = OciCopyImporter.ImporterName;

    /// <summary>What to do with a floating tag that moved upstream.</summary>
    public DriftPolicy DriftPolicy { get; set; } = DriftPolicy.Report;

    /// <summary>Source repositories queue requests may name, matched by whole path segments: <c>sonatype</c> admits
    /// <c>sonatype/nexus3</c>, not <c>sonatypeevil/nexus3</c>; <c>library/nginx</c> admits that one repository (and any
    /// below it). Empty: any public repository of an allowed source registry.</summary>
    public List<string> AllowedRepositories { get; set; } = [];

    /// <summary>Whether a queue request's <c>force</c> is honoured. Off: a forced request is handled as unforced (the
    /// ledger says so). On: force may only replace a tag whose ledger row says ImageWarmer imported it from the same
    /// source repository.</summary>
    public bool AllowQueueForce { get; set; }

    /// <summary>The shortest wait of a deferred queue request, whatever the <c>Retry-After</c> said (a <c>0</c> or a
    /// date in the past would otherwise bring it straight back).</summary>
    public TimeSpan MinDeferral { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often one queue request may be deferred; the next deferral fails it with the reason instead.</summary>
    public int MaxDeferrals { get; set; } = 24;

    /// <summary>Most imports running at once.</summary>
    public int MaxConcurrentImports { get; set; } = 4;

    /// <summary>The default <see cref="BackupTag"/>.</summary>
    public const string DefaultBackupTag = "{tag}-prev-{yyyyMMdd}";

    /// <summary>Copy what refers to an image (signatures, attestations, SBOMs) after it is imported. Unset: on for
    /// <c>oci-copy</c>, off for <c>acr-import</c> (ACR's import copies no referrers, and copying them needs data-plane
    /// push, which an <c>acr-import</c> deployment grants only when asked to: set this to <c>true</c> there).</summary>
    public bool? CopyReferrers { get; set; }

    /// <summary>Also look upstream for referrers added after an image was imported (a signature added later), for every
    /// image the target has, with referrer and tag lookups only (never a pull of the image). Off: an image the target
    /// has costs nothing upstream.</summary>
    public bool RefreshReferrers { get; set; }

    /// <summary>Under <see cref="DriftPolicy.Reimport"/>, the tag that keeps the image a moving tag pointed at: <c>{tag}</c>
    /// is the tag, any other <c>{…}</c> a date format of the current UTC time. Empty: no backup.</summary>
    public string BackupTag { get; set; } = DefaultBackupTag;

    /// <summary>Whether referrers are copied: <see cref="CopyReferrers"/>, or by default with <c>oci-copy</c> only.</summary>
    public bool CopiesReferrers => CopyReferrers ?? Importer.Equals(OciCopyImporter.ImporterName, StringComparison.OrdinalIgnoreCase);
}
