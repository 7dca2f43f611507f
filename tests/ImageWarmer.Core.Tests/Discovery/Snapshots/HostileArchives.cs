using System.IO.Compression;
using System.Text;

namespace ImageWarmer.Core.Tests.Discovery.Snapshots;

/// <summary>Writes <c>.tar.gz</c> archives block by block, as a hostile snapshot would: headers whose sizes lie, PAX
/// extended headers of any size (streamed, never held), entry types a reader does not support.</summary>
internal sealed class HostileArchives : IDisposable
{
    private const int Block = 512;
    private readonly GZipStream _gzip;

    public HostileArchives(Stream output) => _gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);

    /// <summary>A regular file with its content.</summary>
    public HostileArchives File(string name, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        Header(name, '0', bytes.Length);
        Data(bytes);
        return this;
    }

    /// <summary>A header of <paramref name="type"/> claiming <paramref name="size"/> bytes, and no data written.</summary>
    public HostileArchives Header(string name, char type, long size)
    {
        _gzip.Write(HeaderBlock(name, type, size));
        return this;
    }

    /// <summary>A PAX extended header whose data is one <c>path</c> record of <paramref name="recordBytes"/> bytes
    /// (streamed in 1 MiB pieces), then the entry it describes.</summary>
    public HostileArchives PaxPath(long recordBytes, string entryName = "after-pax/Dockerfile")
    {
        Header("PaxHeaders/bomb", 'x', recordBytes);
        var prefix = $"{recordBytes} path=";
        _gzip.Write(Encoding.ASCII.GetBytes(prefix));
        var chunk = Enumerable.Repeat((byte)'a', 1024 * 1024).ToArray();
        for (var left = recordBytes - prefix.Length - 1; left > 0; left -= chunk.Length)
        {
            _gzip.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
        _gzip.Write("\n"u8);
        Pad(recordBytes);
        return File(entryName, "FROM pax:1\n");
    }

    /// <summary>Raw PAX records (e.g. <c>size=0</c>) for the next header.</summary>
    public HostileArchives PaxRecords(params string[] records)
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(records.Select(Record)));
        Header("PaxHeaders/x", 'x', data.Length);
        Data(data);
        return this;
    }

    /// <summary>Bytes written as they are (an entry's data, another header hidden inside it).</summary>
    public HostileArchives Raw(byte[] bytes)
    {
        _gzip.Write(bytes);
        return this;
    }

    public void Dispose()
    {
        _gzip.Write(new byte[2 * Block]);
        _gzip.Dispose();
    }

    /// <summary>A header block alone (to hide inside another entry's data).</summary>
    public static byte[] HeaderBlock(string name, char type, long size)
    {
        var header = new byte[Block];
        Encoding.ASCII.GetBytes(name.Length > 99 ? name[..99] : name).CopyTo(header, 0);
        Octal(header, 100, 8, 420);
        Octal(header, 108, 8, 0);
        Octal(header, 116, 8, 0);
        Octal(header, 124, 12, size);
        Octal(header, 136, 12, 0);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        "        "u8.CopyTo(header.AsSpan(148));
        Octal(header, 148, 7, header.Sum(b => b));
        header[155] = (byte)' ';
        return header;
    }

    private static string Record(string keyValue)
    {
        // "<length> key=value\n", the length counting itself.
        var rest = $" {keyValue}\n";
        var length = rest.Length + 1;
        while ($"{length}{rest}".Length != length)
        {
            length++;
        }
        return $"{length}{rest}";
    }

    private void Data(byte[] bytes)
    {
        _gzip.Write(bytes);
        Pad(bytes.Length);
    }

    private void Pad(long size) => _gzip.Write(new byte[(Block - size % Block) % Block]);

    private static void Octal(byte[] header, int offset, int length, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(header, offset);
        header[offset + length - 1] = 0;
    }
}
