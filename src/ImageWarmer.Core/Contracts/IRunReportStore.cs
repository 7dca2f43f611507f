namespace ImageWarmer.Core.Contracts;

/// <summary>Where the nightly run's reports go (Blob storage: <c>warm-reports/&lt;yyyy-MM-dd&gt;/&lt;run&gt;.json</c>).</summary>
public interface IRunReportStore
{
    /// <summary>Writes one report; returns where it went, for people.</summary>
    Task<string> WriteAsync(DateTimeOffset startedAt, string runId, byte[] json, CancellationToken cancellationToken = default);
}
