namespace PartnerPlatform.Redis;

/// <summary>Base of every error the Redis client raises.</summary>
public class RedisException : Exception
{
    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The server answered with an error reply (<c>-ERR …</c>, <c>-WRONGTYPE …</c>, <c>-NOSCRIPT …</c>).
/// <see cref="Prefix"/> is the error code word, <see cref="ServerMessage"/> the whole reply text.
/// </summary>
public class RedisServerException : RedisException
{
    public RedisServerException(string serverMessage)
        : base("Redis answered with an error: " + serverMessage)
    {
        ServerMessage = serverMessage;
        Prefix = ErrorPrefix(serverMessage);
    }

    /// <summary>The error code: the first word when it is upper case (ERR, WRONGTYPE, NOSCRIPT, WRONGPASS…), otherwise empty.</summary>
    public string Prefix { get; }

    public string ServerMessage { get; }

    internal static string ErrorPrefix(string serverMessage)
    {
        var space = serverMessage.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? serverMessage : serverMessage[..space];
        return word.Length > 0 && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') ? word : "";
    }
}

/// <summary>No usable connection: the server cannot be reached, the connection broke, or the client is backing off.</summary>
public class RedisConnectionException : RedisException
{
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The server refused the credentials (AUTH answered WRONGPASS, NOAUTH or another error).</summary>
public sealed class RedisAuthenticationException : RedisConnectionException
{
    public RedisAuthenticationException(string message, RedisServerException serverError)
        : base(message, serverError)
    {
        Prefix = serverError.Prefix;
    }

    /// <summary>The server's error code, e.g. WRONGPASS.</summary>
    public string Prefix { get; }
}

/// <summary>A command got no reply within the command timeout (<c>syncTimeout</c>).</summary>
public sealed class RedisTimeoutException : RedisException
{
    public RedisTimeoutException(string message)
        : base(message)
    {
    }
}
