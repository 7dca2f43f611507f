using System.Globalization;
using System.Text;
using ImageWarmer.Core.Registry;
using ImageWarmer.Testing;
using Reply = ImageWarmer.Testing.HostileServer.Reply;

namespace ImageWarmer.Bench;

/// <summary>
/// A hostile upstream for <c>bench/run.sh hostile</c>: one small image (<c>team/app:1</c>), and a referrers API that
/// answers for it with <c>pages</c> pages of just under 4 MiB each (the most one page may be), every page linking to
/// the next. What a warm run holds of them is its peak RSS. Prints its address, then one line per request it answers
/// (for the script to count), until it is stopped.
/// </summary>
internal static class ReferrersFlood
{
    private const int PageBytes = 4 * 1024 * 1024 - 4096;
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux"}""");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("a small layer");

    public static async Task<int> ServeAsync(int pages)
    {
        var manifest = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"{{Digests.Sha256(Config)}}","size":{{Config.Length}}},"layers":[{"mediaType":"{{MediaTypes.OciLayerGzip}}","digest":"{{Digests.Sha256(Layer)}}","size":{{Layer.Length}}}]}""");
        var digest = Digests.Sha256(manifest);
        await using var server = HostileServer.Start(request =>
        {
            Console.WriteLine($"{request.Method} {request.PathAndQuery}");
            var last = request.Path[(request.Path.LastIndexOf('/') + 1)..];
            return request.Path switch
            {
                "/v2/" => Reply.Json("{}"),
                _ when request.Path.Contains("/referrers/", StringComparison.Ordinal) => Page(request, pages),
                _ when request.Path.Contains("/manifests/", StringComparison.Ordinal) && (last == "1" || last == digest) => new Reply(200, manifest,
                    new Dictionary<string, string> { ["Content-Type"] = MediaTypes.OciManifest, ["Docker-Content-Digest"] = digest }),
                _ when last == Digests.Sha256(Config) => new Reply(200, Config),
                _ when last == Digests.Sha256(Layer) => new Reply(200, Layer),
                _ => Reply.NotFound(),
            };
        });
        Console.WriteLine(server.Address);
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    // Page n lists descriptors of distinct (absent) manifests, as many as fit in PageBytes.
    private static Reply Page(HostileServer.Request request, int pages)
    {
        var query = request.PathAndQuery.IndexOf("?page=", StringComparison.Ordinal);
        var page = query < 0 ? 0 : int.Parse(request.PathAndQuery[(query + 6)..], CultureInfo.InvariantCulture);
        var body = new StringBuilder(PageBytes + 512).Append($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[""");
        for (var i = 0; body.Length < PageBytes; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"mediaType":"{{MediaTypes.OciManifest}}","digest":"sha256:{{page:x8}}{{i:x56}}","size":512,"artifactType":"application/spdx+json"}""");
        }
        var headers = new Dictionary<string, string> { ["Content-Type"] = MediaTypes.OciIndex };
        if (page + 1 < pages)
        {
            headers["Link"] = $"<{request.Path}?page={page + 1}>; rel=\"next\"";
        }
        return new Reply(200, Encoding.UTF8.GetBytes(body.Append("]}").ToString()), headers);
    }
}
