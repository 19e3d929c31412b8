using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace PartnerPlatform.Redis.Protocol;

/// <summary>
/// Reads RESP2 replies from received bytes. A reply is first measured without allocating, so a
/// large reply arriving in many reads is not rebuilt on every read; it is materialised once complete.
/// </summary>
internal static class RespParser
{
    private const int MaxDepth = 32;
    private const int MaxLineLength = 64 * 1024;

    /// <summary>
    /// Reads one complete reply from the start of <paramref name="buffer"/> and slices it off; false
    /// (buffer untouched) when the reply is not complete yet. Throws <see cref="RespProtocolException"/>
    /// on bytes that are not RESP2.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RedisReply reply)
    {
        var scanner = new SequenceReader<byte>(buffer);
        if (!TrySkip(ref scanner, 0))
        {
            reply = null!;
            return false;
        }

        var end = scanner.Position;
        var reader = new SequenceReader<byte>(buffer.Slice(0, end));
        reply = Read(ref reader);
        buffer = buffer.Slice(end);
        return true;
    }

    private static bool TrySkip(ref SequenceReader<byte> reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new RespProtocolException("Reply nested too deeply.");
        }

        if (!reader.TryRead(out var prefix))
        {
            return false;
        }

        switch (prefix)
        {
            case (byte)'+' or (byte)'-':
                return TryReadLine(ref reader, out _);
            case (byte)':':
                {
                    if (!TryReadLine(ref reader, out var integerLine))
                    {
                        return false;
                    }

                    ParseInteger(integerLine);
                    return true;
                }

            case (byte)'$':
                {
                    if (!TryReadLine(ref reader, out var lengthLine))
                    {
                        return false;
                    }

                    var length = ParseLength(lengthLine);
                    if (length < 0)
                    {
                        return true;
                    }

                    if (reader.Remaining < length + 2)
                    {
                        return false;
                    }

                    reader.Advance(length + 2);
                    return true;
                }

            case (byte)'*':
                {
                    if (!TryReadLine(ref reader, out var countLine))
                    {
                        return false;
                    }

                    var count = ParseLength(countLine);
                    for (var i = 0; i < count; i++)
                    {
                        if (!TrySkip(ref reader, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                throw new RespProtocolException($"Unexpected reply type byte 0x{prefix:X2}.");
        }
    }

    private static RedisReply Read(ref SequenceReader<byte> reader)
    {
        reader.TryRead(out var prefix);
        TryReadLine(ref reader, out var line);
        switch (prefix)
        {
            case (byte)'+':
                return IsOk(line) ? RedisReply.Ok : RedisReply.SimpleString(Encoding.UTF8.GetString(line));
            case (byte)'-':
                return RedisReply.Error(Encoding.UTF8.GetString(line));
            case (byte)':':
                return RedisReply.Integer(ParseInteger(line));
            case (byte)'$':
                {
                    var length = ParseLength(line);
                    if (length < 0)
                    {
                        return RedisReply.NullBulkString;
                    }

                    var bytes = length == 0 ? [] : new byte[length];
                    reader.TryCopyTo(bytes);
                    reader.Advance(length);
                    if (!reader.IsNext("\r\n"u8, advancePast: true))
                    {
                        throw new RespProtocolException("Bulk string not terminated by CRLF.");
                    }

                    return RedisReply.BulkString(bytes);
                }

            default:
                {
                    var count = ParseLength(line);
                    if (count < 0)
                    {
                        return RedisReply.NullArray;
                    }

                    var items = new RedisReply[count];
                    for (var i = 0; i < count; i++)
                    {
                        items[i] = Read(ref reader);
                    }

                    return RedisReply.Array(items);
                }
        }
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> line)
    {
        if (reader.TryReadTo(out line, "\r\n"u8))
        {
            return true;
        }

        if (reader.Remaining > MaxLineLength)
        {
            throw new RespProtocolException("Reply line too long.");
        }

        return false;
    }

    private static bool IsOk(ReadOnlySequence<byte> line) => line.Length == 2 && line.FirstSpan.Length == 2 && line.FirstSpan.SequenceEqual("OK"u8);

    private static int ParseLength(ReadOnlySequence<byte> line)
    {
        var value = ParseInteger(line);
        return value is >= -1 and <= int.MaxValue - 2
            ? (int)value
            : throw new RespProtocolException($"Invalid length {value}.");
    }

    private static long ParseInteger(ReadOnlySequence<byte> line)
    {
        if (line.Length is 0 or > 20)
        {
            throw new RespProtocolException("Invalid integer line.");
        }

        Span<byte> copy = stackalloc byte[20];
        var span = line.IsSingleSegment ? line.FirstSpan : copy[..(int)line.Length];
        if (!line.IsSingleSegment)
        {
            line.CopyTo(copy);
        }

        return Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length
            ? value
            : throw new RespProtocolException("Invalid integer line.");
    }
}

/// <summary>The server sent bytes that are not a RESP2 reply; the connection cannot be trusted any more.</summary>
internal sealed class RespProtocolException(string message) : Exception(message);
