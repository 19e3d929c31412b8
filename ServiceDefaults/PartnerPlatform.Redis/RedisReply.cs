using System.Globalization;
using System.Text;

namespace PartnerPlatform.Redis;

public enum RedisReplyKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
}

/// <summary>
/// One RESP2 reply: a simple string, an error, an integer, a bulk string (bytes or null) or an
/// array (of replies or null). The <c>As…</c> accessors convert where RESP allows it and throw
/// <see cref="RedisException"/> otherwise.
/// </summary>
public sealed class RedisReply
{
    private static readonly RedisReply[] SmallIntegers = CreateSmallIntegers();

    private readonly long _integer;
    private readonly object? _value;

    private RedisReply(RedisReplyKind kind, long integer, object? value)
    {
        Kind = kind;
        _integer = integer;
        _value = value;
    }

    public static RedisReply Ok { get; } = new(RedisReplyKind.SimpleString, 0, "OK");

    public static RedisReply NullBulkString { get; } = new(RedisReplyKind.BulkString, 0, null);

    public static RedisReply NullArray { get; } = new(RedisReplyKind.Array, 0, null);

    public RedisReplyKind Kind { get; }

    /// <summary>A null bulk string or a null array (RESP's "no value").</summary>
    public bool IsNull => _value is null && Kind is RedisReplyKind.BulkString or RedisReplyKind.Array;

    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>The error text when <see cref="IsError"/>, otherwise null.</summary>
    public string? ErrorMessage => IsError ? (string)_value! : null;

    public static RedisReply SimpleString(string value) =>
        value == "OK" ? Ok : new(RedisReplyKind.SimpleString, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static RedisReply Error(string message) =>
        new(RedisReplyKind.Error, 0, message ?? throw new ArgumentNullException(nameof(message)));

    public static RedisReply Integer(long value) =>
        value is >= -2 and < 64 ? SmallIntegers[value + 2] : new(RedisReplyKind.Integer, value, null);

    public static RedisReply BulkString(byte[]? value) =>
        value is null ? NullBulkString : new(RedisReplyKind.BulkString, 0, value);

    public static RedisReply Array(RedisReply[]? items) =>
        items is null ? NullArray : new(RedisReplyKind.Array, 0, items);

    /// <summary>Integer replies, and simple or bulk strings holding a decimal integer.</summary>
    public long AsInt64()
    {
        switch (Kind)
        {
            case RedisReplyKind.Integer:
                return _integer;
            case RedisReplyKind.SimpleString when long.TryParse((string)_value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromText):
                return fromText;
            case RedisReplyKind.BulkString when _value is byte[] bytes && long.TryParse(bytes, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromBytes):
                return fromBytes;
            default:
                throw Unexpected("an integer");
        }
    }

    /// <summary>Bulk strings as bytes (null for a null bulk), simple strings and integers as their UTF-8 text.</summary>
    public byte[]? AsBytes() => Kind switch
    {
        RedisReplyKind.BulkString => (byte[]?)_value,
        RedisReplyKind.SimpleString => Encoding.UTF8.GetBytes((string)_value!),
        RedisReplyKind.Integer => Encoding.UTF8.GetBytes(_integer.ToString(CultureInfo.InvariantCulture)),
        _ => throw Unexpected("a string"),
    };

    /// <summary>Bulk strings decoded as UTF-8 (null for a null bulk), simple strings, integers as decimal text.</summary>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.BulkString => _value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null,
        RedisReplyKind.SimpleString => (string)_value!,
        RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => throw Unexpected("a string"),
    };

    /// <summary>The items of an array reply; null for a null array.</summary>
    public IReadOnlyList<RedisReply>? AsArray() => Kind == RedisReplyKind.Array
        ? (RedisReply[]?)_value
        : throw Unexpected("an array");

    /// <summary>The item at <paramref name="index"/> of an array reply.</summary>
    public RedisReply this[int index] => (AsArray() ?? throw Unexpected("a non-null array"))[index];

    /// <summary>Throws <see cref="RedisServerException"/> when this is an error reply; returns the reply otherwise.</summary>
    public RedisReply ThrowIfError() => IsError ? throw new RedisServerException((string)_value!) : this;

    public override string ToString() => Kind switch
    {
        RedisReplyKind.Integer => "(integer) " + _integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.Error => "(error) " + _value,
        RedisReplyKind.SimpleString => (string)_value!,
        RedisReplyKind.BulkString => _value is byte[] bytes ? $"\"{Encoding.UTF8.GetString(bytes)}\"" : "(nil)",
        _ => _value is RedisReply[] items ? $"(array of {items.Length})" : "(nil array)",
    };

    private RedisException Unexpected(string wanted) =>
        IsError
            ? new RedisServerException((string)_value!)
            : new RedisException($"Expected {wanted} reply but Redis answered {Kind}: {this}.");

    private static RedisReply[] CreateSmallIntegers()
    {
        var replies = new RedisReply[66];
        for (var i = 0; i < replies.Length; i++)
        {
            replies[i] = new RedisReply(RedisReplyKind.Integer, i - 2, null);
        }

        return replies;
    }
}
