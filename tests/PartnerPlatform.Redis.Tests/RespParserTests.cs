using System.Buffers;
using System.Text;
using PartnerPlatform.Redis.Protocol;

namespace PartnerPlatform.Redis.Tests;

public sealed class RespParserTests
{
    private static readonly byte[] Replies = Encoding.UTF8.GetBytes(
        "+OK\r\n" +
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n" +
        ":-42\r\n" +
        "$7\r\nab\r\ncd\n\r\n" +
        "$-1\r\n" +
        "$0\r\n\r\n" +
        "*3\r\n:1\r\n*2\r\n+PONG\r\n$1\r\nx\r\n$-1\r\n" +
        "*-1\r\n" +
        "*0\r\n");

    private static readonly string[] Expected =
    [
        "OK", "(error) WRONGTYPE Operation against a key holding the wrong kind of value", "(integer) -42",
        "\"ab\r\ncd\n\"", "(nil)", "\"\"", "(array of 3)", "(nil array)", "(array of 0)",
    ];

    [Fact]
    public void Replies_split_at_any_byte_parse_the_same_as_when_whole()
    {
        for (var split = 0; split <= Replies.Length; split++)
        {
            var buffer = TwoSegments(Replies, split);
            var parsed = ReadAll(ref buffer);

            Assert.Equal(Expected, parsed.Select(r => r.ToString()));
            Assert.Equal(0, buffer.Length);
        }
    }

    [Fact]
    public void A_partial_reply_is_left_in_the_buffer_until_complete()
    {
        for (var length = 0; length < Replies.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Replies, 0, length);
            var parsed = ReadAll(ref buffer);

            Assert.Equal(Expected.Take(parsed.Count), parsed.Select(r => r.ToString()));
            Assert.True(parsed.Count < Expected.Length);
        }
    }

    [Fact]
    public void Nested_array_items_are_reachable()
    {
        var buffer = new ReadOnlySequence<byte>("*3\r\n:1\r\n*2\r\n+PONG\r\n$1\r\nx\r\n$-1\r\n"u8.ToArray());
        Assert.True(RespParser.TryRead(ref buffer, out var reply));

        Assert.Equal(1, reply[0].AsInt64());
        Assert.Equal("PONG", reply[1][0].AsString());
        Assert.Equal("x"u8.ToArray(), reply[1][1].AsBytes());
        Assert.True(reply[2].IsNull);
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData(":12a\r\n")]
    [InlineData("$3\r\nabcXY")]
    [InlineData("*-5\r\n")]
    public void Bytes_that_are_not_resp_are_refused(string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Throws<RespProtocolException>(() => RespParser.TryRead(ref buffer, out _));
    }

    private static List<RedisReply> ReadAll(ref ReadOnlySequence<byte> buffer)
    {
        var replies = new List<RedisReply>();
        while (RespParser.TryRead(ref buffer, out var reply))
        {
            replies.Add(reply);
        }

        return replies;
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] data, int split)
    {
        var first = new Segment(data.AsMemory(0, split));
        var second = first.Append(data.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
