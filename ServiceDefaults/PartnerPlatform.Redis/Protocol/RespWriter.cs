using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace PartnerPlatform.Redis.Protocol;

/// <summary>Writes RESP2 requests (arrays of bulk strings) straight into a buffer writer, without intermediate arrays.</summary>
internal static class RespWriter
{
    private const int MaxHeaderLength = 24; // prefix, up to 20 digits and sign, CRLF

    public static void WriteArrayHeader(IBufferWriter<byte> writer, int count) => WriteHeader(writer, (byte)'*', count);

    public static void WriteBulk(IBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WriteHeader(writer, (byte)'$', value.Length);
        writer.Write(value);
        WriteCrLf(writer);
    }

    public static void WriteBulk(IBufferWriter<byte> writer, string value)
    {
        WriteHeader(writer, (byte)'$', Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value.AsSpan(), writer);
        WriteCrLf(writer);
    }

    public static void WriteBulk(IBufferWriter<byte> writer, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        WriteBulk(writer, digits[..length]);
    }

    private static void WriteHeader(IBufferWriter<byte> writer, byte prefix, long length)
    {
        var span = writer.GetSpan(MaxHeaderLength);
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        writer.Advance(written + 3);
    }

    private static void WriteCrLf(IBufferWriter<byte> writer)
    {
        var span = writer.GetSpan(2);
        span[0] = (byte)'\r';
        span[1] = (byte)'\n';
        writer.Advance(2);
    }
}
