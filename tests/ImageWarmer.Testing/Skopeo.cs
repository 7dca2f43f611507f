using System.Diagnostics;

namespace ImageWarmer.Testing;

/// <summary>Asks skopeo (a registry client that is not ours) what a registry holds: the independent check that a
/// copy preserved digests.</summary>
public static class Skopeo
{
    /// <summary>The manifest digest skopeo reports for <c>docker://&lt;image&gt;</c>.</summary>
    public static async Task<string> DigestAsync(string image)
    {
        var start = new ProcessStartInfo("skopeo", ["inspect", "--raw", "--tls-verify=false", $"docker://{image}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("skopeo did not start");
        await using var raw = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(raw);
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo inspect {image} failed: {error}");
        }
        return Core.Registry.Digests.Sha256(raw.ToArray());
    }
}
