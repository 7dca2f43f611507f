using System.Globalization;
using ImageWarmer.Core.Streams;

namespace ImageWarmer.Core.Discovery.Snapshots;

/// <summary>
/// Reads the headers of an uncompressed tar archive as they pass on their way to <see cref="System.Formats.Tar.TarReader"/>,
/// and fails the read that completes a metadata header (PAX <c>x</c>/<c>g</c>, GNU <c>L</c>/<c>K</c>) whose data is over the
/// limit, before the reader sees it: the reader loads such data whole (a 783 KB <c>.tar.gz</c> can carry a gigabyte of
/// PAX header). It keeps the reader's arithmetic: a header block, then the data rounded up to whole blocks, the size
/// taken from a preceding PAX <c>size</c> record when there is one; and it stops watching where the reader stops (an
/// empty checksum ends the archive; a header the reader refuses ends the read anyway).
/// See https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13.
/// </summary>
internal sealed class TarHeaderGuardStream(Stream inner, int maxMetadataBytes) : ReadObservingStream(inner)
{
    private const int Block = 512;

    private readonly byte[] _header = new byte[Block];
    private int _headerFilled;
    private long _dataLeft;
    private MemoryStream? _pax;
    private long _paxLeft;
    private long? _nextSize;
    private bool _done;

    protected override void Observe(ReadOnlySpan<byte> chunk, long totalRead)
    {
        while (chunk.Length > 0 && !_done)
        {
            if (_dataLeft > 0)
            {
                var skip = (int)Math.Min(_dataLeft, chunk.Length);
                KeepPax(chunk[..skip]);
                _dataLeft -= skip;
                chunk = chunk[skip..];
                continue;
            }
            var take = Math.Min(Block - _headerFilled, chunk.Length);
            chunk[..take].CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += take;
            chunk = chunk[take..];
            if (_headerFilled == Block)
            {
                _headerFilled = 0;
                OnHeader(totalRead);
            }
        }
    }

    private void OnHeader(long totalRead)
    {
        var checksum = TryParseNumber(_header.AsSpan(148, 8));
        var size = TryParseNumber(_header.AsSpan(124, 12));
        if (checksum is null or 0 || size is null or < 0)
        {
            // The end of the archive to the reader (an empty checksum), or a header it refuses: nothing after this is read.
            _done = true;
            return;
        }
        var type = (char)_header[156];
        if (_nextSize is { } fromPax)
        {
            size = fromPax;
            _nextSize = null;
        }
        if (type is 'x' or 'g' or 'L' or 'K' && size > maxMetadataBytes)
        {
            throw new SnapshotLimitException(
                $"archive has a {Describe(type)} of {size:N0} bytes at offset {totalRead - Block:N0}; at most {maxMetadataBytes:N0} are read");
        }
        if (size > long.MaxValue - Block)
        {
            throw new SnapshotLimitException($"archive entry at offset {totalRead - Block:N0} claims {size:N0} bytes");
        }
        if (type == 'x')
        {
            (_pax, _paxLeft) = (new MemoryStream((int)size.Value), size.Value);
        }
        _dataLeft = size.Value + (Block - size.Value % Block) % Block;
        KeepPax([]);
    }

    // The data of a PAX 'x' header (small: its size was checked), read for the size of the entry it describes.
    private void KeepPax(ReadOnlySpan<byte> data)
    {
        if (_pax is null)
        {
            return;
        }
        var take = (int)Math.Min(_paxLeft, data.Length);
        _pax.Write(data[..take]);
        _paxLeft -= take;
        if (_paxLeft == 0)
        {
            _nextSize = PaxSize(_pax.GetBuffer().AsSpan(0, (int)_pax.Length));
            _pax = null;
        }
    }

    // Records are "<length> <key>=<value>\n", the length counting the bytes of the whole record.
    private static long? PaxSize(ReadOnlySpan<byte> records)
    {
        while (records.Length > 0)
        {
            var space = records.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(records[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length < space + 2 || length > records.Length)
            {
                return null;
            }
            var record = records[(space + 1)..(length - 1)];
            if (record.StartsWith("size="u8)
                && long.TryParse(record[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
            records = records[length..];
        }
        return null;
    }

    // Octal digits between NULs and spaces, or base-256 when the first byte has its high bit set (GNU, for big values).
    private static long? TryParseNumber(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] == 0xFF)
            {
                return null;
            }
            long binary = field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                if (binary > (long.MaxValue >> 8))
                {
                    return null;
                }
                binary = (binary << 8) | b;
            }
            return binary;
        }
        var digits = field.Trim((ReadOnlySpan<byte>)[0, (byte)' ']);
        long value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'7' || value > (long.MaxValue >> 3))
            {
                return null;
            }
            value = (value << 3) | (long)(b - '0');
        }
        return value;
    }

    private static string Describe(char type) => type switch
    {
        'x' => "PAX extended header",
        'g' => "PAX global header",
        'L' => "GNU long name",
        _ => "GNU long link name",
    };
}
