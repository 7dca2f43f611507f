using System.Net;
using Azure.Core;
using ImageWarmer.Core.Storage.Tables;
using ImageWarmer.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ImageWarmer.Core.Tests.Storage;

/// <summary>How requests to the Table service are authorized where Azurite cannot show it: an Entra ID token (no
/// Entra ID here: a hand-written credential) and a connection string's SAS. Shared Key is proven by Azurite itself
/// (<see cref="TableRestClientTests"/>).</summary>
public sealed class TableAuthorizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly List<string> _versions = [];

    [Fact]
    public async Task BearerToken_AskedOnceForTheStorageScope_RenewedBeforeItExpires()
    {
        var credential = new CountingCredential(Now.AddHours(1));
        var (table, handler) = Table("https://account.table.core.windows.net", new BearerTokenAuthorization(credential, _time));

        await table.GetIfExistsAsync("p", "r");
        _time.Advance(TimeSpan.FromMinutes(50));
        await table.GetIfExistsAsync("p", "r");
        _time.Advance(TimeSpan.FromMinutes(6)); // within five minutes of expiry
        await table.GetIfExistsAsync("p", "r");

        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], handler.Requests.Select(r => r.Authorization));
        Assert.All(_versions, version => Assert.Equal("2019-02-02", version)); // the first version that takes tokens
        Assert.Equal("https://account.table.core.windows.net/t(PartitionKey='p',RowKey='r')", handler.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task ConnectionStringWithSas_SignatureOnEveryRequest_NoAuthorizationHeader()
    {
        var account = TableAccount.FromConnectionString("TableEndpoint=https://account.table.core.windows.net/;SharedAccessSignature=sv=2019-02-02&sig=abc%3D");
        var (table, handler) = Table(account.Endpoint.AbsoluteUri, account.Authorization);

        await table.QueryAsync(TableRestClient.Equal("PartitionKey", "target")).ToListAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Null(request.Authorization);
        Assert.EndsWith("&sv=2019-02-02&sig=abc%3D", request.Uri.Query, StringComparison.Ordinal);
        Assert.StartsWith("?$filter=PartitionKey%20eq%20%27target%27", request.Uri.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=a;AccountKey=a2V5", "https://a.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn", "http://a.table.core.chinacloudapi.cn/")]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/a", "http://127.0.0.1:9/a")]
    public void FromConnectionString_Endpoints(string connectionString, string endpoint) =>
        Assert.Equal(endpoint, TableAccount.FromConnectionString(connectionString).Endpoint.AbsoluteUri);

    [Theory]
    [InlineData("AccountName=a")]
    [InlineData("nonsense")]
    [InlineData("AccountName=a;AccountKey=not base64!")]
    public void FromConnectionString_Invalid_FormatException(string connectionString) =>
        Assert.Throws<FormatException>(() => TableAccount.FromConnectionString(connectionString));

    private (TableRestClient Table, StubHttpMessageHandler Handler) Table(string endpoint, ITableAuthorization authorization)
    {
        var handler = new StubHttpMessageHandler(request =>
        {
            _versions.Add(request.Headers.GetValues("x-ms-version").Single());
            return request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("()", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"value":[]}""") }
                : new HttpResponseMessage(HttpStatusCode.NotFound);
        });
        return (new TableRestClient(new HttpClient(handler), new TableAccount(new Uri(endpoint), authorization), "t", _time), handler);
    }

    private sealed class CountingCredential(DateTimeOffset expiresOn) : TokenCredential
    {
        private int _issued;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken($"token-{++_issued}", expiresOn));
        }
    }
}
