namespace ImageWarmer.Core.Storage.Tables;

/// <summary>A Table service endpoint and how requests to it are authorized, from a storage connection string (Shared
/// Key or SAS; Azurite's <c>UseDevelopmentStorage=true</c>) or from an endpoint and an Entra ID token.
/// See https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string.</summary>
public sealed record TableAccount(Uri Endpoint, ITableAuthorization Authorization)
{
    private const string EmulatorAccount = "devstoreaccount1";

    // Azurite's and the storage emulator's published, fixed development key: not a secret.
    private const string EmulatorKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The account a connection string names.</summary>
    /// <exception cref="FormatException">It is not a storage connection string with a Table endpoint and a key or SAS.</exception>
    public static TableAccount FromConnectionString(string connectionString)
    {
        var settings = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxyUri) ? new Uri(proxyUri) : new Uri("http://127.0.0.1");
            return new(new Uri($"{proxy.Scheme}://{proxy.Host}:10002/{EmulatorAccount}"), new SharedKeyAuthorization(EmulatorAccount, Convert.FromBase64String(EmulatorKey)));
        }
        settings.TryGetValue("AccountName", out var account);
        var endpoint = settings.TryGetValue("TableEndpoint", out var table) ? new Uri(table)
            : account is not null ? new Uri($"{settings.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{account}.table.{settings.GetValueOrDefault("EndpointSuffix", "core.windows.net")}")
            : throw new FormatException("the connection string names neither a TableEndpoint nor an AccountName");
        if (settings.TryGetValue("SharedAccessSignature", out var sas))
        {
            return new(endpoint, new SasAuthorization(sas));
        }
        if (account is null || !settings.TryGetValue("AccountKey", out var key))
        {
            throw new FormatException("the connection string has neither an AccountName with its AccountKey nor a SharedAccessSignature");
        }
        return new(endpoint, new SharedKeyAuthorization(account, Convert.FromBase64String(key)));
    }
}
