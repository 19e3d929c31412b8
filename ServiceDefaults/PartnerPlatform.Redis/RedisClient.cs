using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerPlatform.Redis.Protocol;

namespace PartnerPlatform.Redis;

/// <summary>
/// The platform's Redis client: one multiplexed, pipelined connection shared by every caller,
/// opened lazily on the first command and reopened (AUTH and SELECT included) after it breaks.
/// While the server cannot be reached, connect attempts back off exponentially
/// (<see cref="RedisOptions.ReconnectMinDelay"/> doubling up to <see cref="RedisOptions.ReconnectMaxDelay"/>);
/// commands in between fail at once with <see cref="RedisConnectionException"/>.
/// Thread-safe; register it as a singleton.
/// </summary>
public sealed class RedisClient : IRedisClient
{
    private readonly RedisOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private RedisConnection? _connection;
    private Task<RedisConnection>? _connecting;
    private int _failedAttempts;
    private long _nextAttemptAt;
    private RedisConnectionException? _lastConnectError;

    public RedisClient(RedisOptions options, ILogger<RedisClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public RedisClient(string connectionString)
        : this(RedisOptions.Parse(connectionString))
    {
    }

    /// <summary>True while a connection is open (it may still break at any moment).</summary>
    public bool IsConnected => Volatile.Read(ref _connection) is { IsOpen: true };

    /// <summary>Opens the connection now instead of on the first command.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default) => await GetConnectionAsync(cancellationToken);

    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        await SendAsync("PING", 0, static (w, _) =>
        {
            RespWriter.WriteArrayHeader(w, 1);
            RespWriter.WriteBulk(w, "PING"u8);
        }, Replies.Self, cancellationToken);
        return _time.GetElapsedTime(started);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("GET", Key(key), WriteGet, Replies.Bytes, cancellationToken);

    public Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("GET", Key(key), WriteGet, Replies.Text, cancellationToken);

    public Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always, CancellationToken cancellationToken = default) =>
        SendAsync("SET", (Key(key), value, ExpiryMilliseconds(expiry), condition), static (w, s) =>
        {
            WriteSetStart(w, s.Item1, s.Item3, s.condition);
            RespWriter.WriteBulk(w, s.value.Span);
            WriteSetOptions(w, s.Item3, s.condition);
        }, Replies.OkIsTrue, cancellationToken);

    public Task<bool> SetStringAsync(string key, string value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SendAsync("SET", (Key(key), value, ExpiryMilliseconds(expiry), condition), static (w, s) =>
        {
            WriteSetStart(w, s.Item1, s.Item3, s.condition);
            RespWriter.WriteBulk(w, s.value);
            WriteSetOptions(w, s.Item3, s.condition);
        }, Replies.OkIsTrue, cancellationToken);
    }

    public Task<long> DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return Task.FromResult(0L);
        }

        foreach (var key in keys)
        {
            Key(key);
        }

        return SendAsync("DEL", keys, static (w, k) =>
        {
            RespWriter.WriteArrayHeader(w, 1 + k.Count);
            RespWriter.WriteBulk(w, "DEL"u8);
            foreach (var key in k)
            {
                RespWriter.WriteBulk(w, key);
            }
        }, Replies.Integer, cancellationToken);
    }

    public Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default) =>
        by == 1
            ? SendAsync("INCR", Key(key), static (w, k) =>
            {
                RespWriter.WriteArrayHeader(w, 2);
                RespWriter.WriteBulk(w, "INCR"u8);
                RespWriter.WriteBulk(w, k);
            }, Replies.Integer, cancellationToken)
            : SendAsync("INCRBY", (Key(key), by), static (w, s) =>
            {
                RespWriter.WriteArrayHeader(w, 3);
                RespWriter.WriteBulk(w, "INCRBY"u8);
                RespWriter.WriteBulk(w, s.Item1);
                RespWriter.WriteBulk(w, s.by);
            }, Replies.Integer, cancellationToken);

    public Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var milliseconds = ExpiryMilliseconds(timeToLive);
        var wholeSeconds = milliseconds % 1000 == 0;
        return SendAsync(wholeSeconds ? "EXPIRE" : "PEXPIRE", (Key(key), milliseconds, wholeSeconds), static (w, s) =>
        {
            RespWriter.WriteArrayHeader(w, 3);
            RespWriter.WriteBulk(w, s.wholeSeconds ? "EXPIRE"u8 : "PEXPIRE"u8);
            RespWriter.WriteBulk(w, s.Item1);
            RespWriter.WriteBulk(w, s.wholeSeconds ? s.milliseconds / 1000 : s.milliseconds);
        }, Replies.OneIsTrue, cancellationToken);
    }

    public Task<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("PTTL", Key(key), static (w, k) =>
        {
            RespWriter.WriteArrayHeader(w, 2);
            RespWriter.WriteBulk(w, "PTTL"u8);
            RespWriter.WriteBulk(w, k);
        }, Replies.Milliseconds, cancellationToken);

    public async Task<RedisReply> EvaluateAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            return await SendAsync("EVALSHA", (script.Sha1, keys, arguments, false), WriteEval, Replies.Self, cancellationToken);
        }
        catch (RedisServerException ex) when (ex.Prefix == "NOSCRIPT")
        {
            // EVAL also puts the script into the server's cache, so the next EVALSHA finds it.
            return await SendAsync("EVAL", (script.Text, keys, arguments, true), WriteEval, Replies.Self, cancellationToken);
        }
    }

    public Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<object> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var argument in arguments)
        {
            if (argument is not (string or byte[] or ReadOnlyMemory<byte> or Memory<byte> or int or long or double))
            {
                throw new ArgumentException(
                    $"Unsupported argument type {argument?.GetType().Name ?? "null"}: use string, byte[], ReadOnlyMemory<byte>, int, long or double.",
                    nameof(arguments));
            }
        }

        return SendAsync(command, (words, arguments), static (w, s) =>
        {
            RespWriter.WriteArrayHeader(w, s.words.Length + s.arguments.Count);
            foreach (var word in s.words)
            {
                RespWriter.WriteBulk(w, word);
            }

            foreach (var argument in s.arguments)
            {
                switch (argument)
                {
                    case string text:
                        RespWriter.WriteBulk(w, text);
                        break;
                    case byte[] bytes:
                        RespWriter.WriteBulk(w, bytes);
                        break;
                    case ReadOnlyMemory<byte> memory:
                        RespWriter.WriteBulk(w, memory.Span);
                        break;
                    case Memory<byte> memory:
                        RespWriter.WriteBulk(w, memory.Span);
                        break;
                    case int number:
                        RespWriter.WriteBulk(w, number);
                        break;
                    case long number:
                        RespWriter.WriteBulk(w, number);
                        break;
                    default:
                        RespWriter.WriteBulk(w, ((double)argument).ToString("R", CultureInfo.InvariantCulture));
                        break;
                }
            }
        }, Replies.Self, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        RedisConnection? connection;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            connection = _connection;
            _connection = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private Task<T> SendAsync<TState, T>(string command, TState state, CommandWriter<TState> write, Func<RedisReply, T> convert, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var connection = Volatile.Read(ref _connection);
        return connection is { IsOpen: true }
            ? WithCancellation(connection.SendAsync(command, state, write, convert), cancellationToken)
            : ConnectThenSendAsync(command, state, write, convert, cancellationToken);
    }

    private async Task<T> ConnectThenSendAsync<TState, T>(string command, TState state, CommandWriter<TState> write, Func<RedisReply, T> convert, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        return await WithCancellation(connection.SendAsync(command, state, write, convert), cancellationToken);
    }

    /// <summary>
    /// The caller stops waiting on cancellation; its command stays in the reply queue, so the reply
    /// still arrives in order and is dropped, and nobody else's reply is taken.
    /// </summary>
    private static Task<T> WithCancellation<T>(Task<T> reply, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled && !reply.IsCompleted ? WaitAsync(reply, cancellationToken) : reply;

    private static async Task<T> WaitAsync<T>(Task<T> reply, CancellationToken cancellationToken)
    {
        try
        {
            return await reply.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            reply.ObserveLaterFailure();
            throw;
        }
    }

    private async Task<RedisConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        Task<RedisConnection> attempt;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_connection is { IsOpen: true } open)
            {
                return open;
            }

            if (_connecting is null)
            {
                var now = _time.GetTimestamp();
                if (_failedAttempts > 0 && now < _nextAttemptAt)
                {
                    var wait = TimeSpan.FromSeconds((double)(_nextAttemptAt - now) / _time.TimestampFrequency);
                    throw new RedisConnectionException(
                        $"Not connected to Redis at {_options.Host}:{_options.Port}; next attempt in {wait.TotalMilliseconds:0} ms after {_failedAttempts} failed attempt(s): {_lastConnectError?.Message}",
                        _lastConnectError);
                }

                // On the thread pool, so the attempt never completes inside this lock. Callers that
                // stop waiting (cancelled) leave it unobserved: observed here.
                _connecting = Task.Run(ConnectAttemptAsync);
                _connecting.ObserveLaterFailure();
            }

            attempt = _connecting;
        }

        return await attempt.WaitAsync(cancellationToken);
    }

    private async Task<RedisConnection> ConnectAttemptAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposed.Token);
            RedisConnection connection;
            try
            {
                connection = await RedisConnection.OpenAsync(_options, _time, _logger, linked.Token);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !_disposed.IsCancellationRequested)
            {
                throw new RedisConnectionException(
                    $"Could not connect to Redis at {_options.Host}:{_options.Port} within {_options.ConnectTimeout.TotalMilliseconds:0} ms.", ex);
            }

            lock (_gate)
            {
                _connecting = null;
                if (_disposed.IsCancellationRequested)
                {
                    _ = connection.DisposeAsync().AsTask();
                    throw new ObjectDisposedException(nameof(RedisClient));
                }

                _connection = connection;
                _failedAttempts = 0;
                _lastConnectError = null;
            }

            _logger.LogInformation("Connected to Redis at {Endpoint}, database {Database}", $"{_options.Host}:{_options.Port}", _options.Database);
            return connection;
        }
        catch (Exception ex) when (ex is not ObjectDisposedException && _disposed.IsCancellationRequested)
        {
            lock (_gate)
            {
                _connecting = null;
            }

            throw new ObjectDisposedException("The Redis client was disposed while connecting.", ex);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            var error = ex as RedisConnectionException
                ?? new RedisConnectionException($"Could not connect to Redis at {_options.Host}:{_options.Port}: {ex.Message}", ex);
            TimeSpan delay;
            lock (_gate)
            {
                _connecting = null;
                _failedAttempts++;
                delay = ReconnectDelay(_failedAttempts);
                _nextAttemptAt = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
                _lastConnectError = error;
            }

            RedisMetrics.ConnectionErrors.Add(1);
            _logger.LogWarning(ex, "Connecting to Redis at {Endpoint} failed (attempt {Attempt}); next attempt in {Delay} ms",
                $"{_options.Host}:{_options.Port}", _failedAttempts, (long)delay.TotalMilliseconds);
            throw error;
        }
    }

    /// <summary>Exponential backoff with ±20 % jitter, so several instances do not retry in step.</summary>
    private TimeSpan ReconnectDelay(int failedAttempts)
    {
        var exponential = _options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var capped = Math.Min(exponential, _options.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private static string Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key;
    }

    private static long ExpiryMilliseconds(TimeSpan? expiry)
    {
        if (expiry is not { } value)
        {
            return 0;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(expiry));
        return Math.Max(1, (value.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }

    private static void WriteGet(IBufferWriter<byte> writer, string key)
    {
        RespWriter.WriteArrayHeader(writer, 2);
        RespWriter.WriteBulk(writer, "GET"u8);
        RespWriter.WriteBulk(writer, key);
    }

    private static void WriteSetStart(IBufferWriter<byte> writer, string key, long expiryMilliseconds, SetCondition condition)
    {
        RespWriter.WriteArrayHeader(writer, 3 + (expiryMilliseconds > 0 ? 2 : 0) + (condition == SetCondition.Always ? 0 : 1));
        RespWriter.WriteBulk(writer, "SET"u8);
        RespWriter.WriteBulk(writer, key);
    }

    private static void WriteSetOptions(IBufferWriter<byte> writer, long expiryMilliseconds, SetCondition condition)
    {
        if (expiryMilliseconds > 0)
        {
            RespWriter.WriteBulk(writer, "PX"u8);
            RespWriter.WriteBulk(writer, expiryMilliseconds);
        }

        if (condition != SetCondition.Always)
        {
            RespWriter.WriteBulk(writer, condition == SetCondition.IfNotExists ? "NX"u8 : "XX"u8);
        }
    }

    private static void WriteEval(IBufferWriter<byte> writer, (string Script, IReadOnlyList<string> Keys, IReadOnlyList<string> Arguments, bool WithText) s)
    {
        RespWriter.WriteArrayHeader(writer, 3 + s.Keys.Count + s.Arguments.Count);
        RespWriter.WriteBulk(writer, s.WithText ? "EVAL"u8 : "EVALSHA"u8);
        RespWriter.WriteBulk(writer, s.Script);
        RespWriter.WriteBulk(writer, s.Keys.Count);
        foreach (var key in s.Keys)
        {
            RespWriter.WriteBulk(writer, key);
        }

        foreach (var argument in s.Arguments)
        {
            RespWriter.WriteBulk(writer, argument);
        }
    }
}
