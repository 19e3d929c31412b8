using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PartnerPlatform.Redis.Protocol;

/// <summary>Writes one command's RESP bytes; runs under the connection's write lock, so it must not block.</summary>
internal delegate void CommandWriter<TState>(IBufferWriter<byte> writer, TState state);

/// <summary>
/// One TCP connection shared by every caller. Commands are encoded into an in-memory pipe under a
/// lock, together with their place in the queue of pending replies, so write order and reply order
/// agree; a write loop sends whatever has accumulated (natural batching) and a read loop matches
/// replies to the queue in order. A broken connection fails every pending command and is never reused.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    /// <summary>Lower bound of the silence after which a connection owing replies is presumed dead.</summary>
    internal static readonly TimeSpan MinimumSilenceLimit = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly Pipe _output = new(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 16 * 1024, useSynchronizationContext: false));
    private readonly ConcurrentQueue<IPendingCommand> _pending = new();
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly TimeSpan _commandTimeout;
    private readonly long _commandTimeoutTicks;
    private readonly TimeSpan _silenceLimit;
    private readonly long _silenceLimitTicks;
    private readonly ITimer _timeoutTimer;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private long _lastReceived;
    private volatile bool _closed;

    private RedisConnection(Socket socket, Stream stream, RedisOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        _time = time;
        _logger = logger;
        _endpoint = $"{options.Host}:{options.Port}";
        _commandTimeout = options.CommandTimeout;
        _commandTimeoutTicks = (long)(options.CommandTimeout.TotalSeconds * time.TimestampFrequency);
        _lastReceived = time.GetTimestamp();
        _silenceLimit = TimeSpan.FromTicks(Math.Max(3 * options.CommandTimeout.Ticks, MinimumSilenceLimit.Ticks));
        _silenceLimitTicks = (long)(_silenceLimit.TotalSeconds * time.TimestampFrequency);

        // Deadlines are checked by one timer per connection instead of a timer per command.
        var period = TimeSpan.FromTicks(Math.Clamp(options.CommandTimeout.Ticks / 8, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 250));
        _timeoutTimer = time.CreateTimer(static state => ((RedisConnection)state!).FailOverdueCommands(), this, period, period);
    }

    public bool IsOpen => !_closed;

    /// <summary>Connects, authenticates and selects the database; the connection is ready to share when this returns.</summary>
    public static async Task<RedisConnection> OpenAsync(RedisOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RedisConnection? connection = null;
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken);
            }

            connection = new RedisConnection(socket, stream, options, time, logger);
            connection.Start();
            await connection.HandshakeAsync(options, cancellationToken);
            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Queues one command. The returned task completes with the converted reply, a
    /// <see cref="RedisServerException"/>, a <see cref="RedisTimeoutException"/> or a
    /// <see cref="RedisConnectionException"/>.
    /// </summary>
    public Task<T> SendAsync<TState, T>(string command, TState state, CommandWriter<TState> write, Func<RedisReply, T> convert)
    {
        var pending = new PendingCommand<T>(command, _time.GetTimestamp() + _commandTimeoutTicks, convert);
        Exception? broken = null;
        lock (_writeLock)
        {
            if (_closed)
            {
                return Task.FromException<T>(new RedisConnectionException($"The connection to {_endpoint} is closed."));
            }

            _pending.Enqueue(pending);
            RedisMetrics.Commands.Add(1);
            try
            {
                write(_output.Writer, state);
                var flush = _output.Writer.FlushAsync();
                if (!flush.IsCompletedSuccessfully)
                {
                    // Cannot happen with an unbounded pipe; observe it rather than lose an error.
                    flush.AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception ex)
            {
                // A half-written command would desynchronise every later reply.
                broken = ex;
            }
        }

        if (broken is not null)
        {
            Close(new RedisConnectionException($"Writing {command} to {_endpoint} failed: {broken.Message}", broken));
        }

        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Close(null);
        await Task.WhenAll(_readLoop, _writeLoop);
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    private async Task HandshakeAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        // Sent back to back: one round trip for the whole handshake.
        Task<RedisReply>? auth = null;
        Task<RedisReply>? setName = null;
        Task<RedisReply>? select = null;
        if (options.Password is not null)
        {
            auth = SendAsync("AUTH", (options.User, options.Password), static (w, s) =>
            {
                RespWriter.WriteArrayHeader(w, s.User is null ? 2 : 3);
                RespWriter.WriteBulk(w, "AUTH"u8);
                if (s.User is not null)
                {
                    RespWriter.WriteBulk(w, s.User);
                }

                RespWriter.WriteBulk(w, s.Password);
            }, Replies.Self);
        }

        if (options.ClientName is not null)
        {
            setName = SendAsync("CLIENT SETNAME", options.ClientName, static (w, name) =>
            {
                RespWriter.WriteArrayHeader(w, 3);
                RespWriter.WriteBulk(w, "CLIENT"u8);
                RespWriter.WriteBulk(w, "SETNAME"u8);
                RespWriter.WriteBulk(w, name);
            }, Replies.Self);
        }

        if (options.Database != 0)
        {
            select = SendAsync("SELECT", (long)options.Database, static (w, db) =>
            {
                RespWriter.WriteArrayHeader(w, 2);
                RespWriter.WriteBulk(w, "SELECT"u8);
                RespWriter.WriteBulk(w, db);
            }, Replies.Self);
        }

        try
        {
            if (auth is not null)
            {
                try
                {
                    await auth.WaitAsync(cancellationToken);
                }
                catch (RedisServerException ex)
                {
                    throw new RedisAuthenticationException($"Redis at {_endpoint} refused the credentials: {ex.ServerMessage}", ex);
                }
            }

            if (setName is not null)
            {
                await setName.WaitAsync(cancellationToken);
            }

            if (select is not null)
            {
                await select.WaitAsync(cancellationToken);
            }
        }
        catch (RedisServerException ex)
        {
            throw new RedisConnectionException($"Setting up the connection to {_endpoint} failed: {ex.ServerMessage}", ex);
        }
        catch
        {
            auth?.ObserveLaterFailure();
            setName?.ObserveLaterFailure();
            select?.ObserveLaterFailure();
            throw;
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? reason;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                while (RespParser.TryRead(ref buffer, out var reply))
                {
                    if (!_pending.TryDequeue(out var pending))
                    {
                        throw new RespProtocolException("A reply arrived while no command was waiting for one.");
                    }

                    pending.Complete(reply);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    reason = new RedisConnectionException($"Redis at {_endpoint} closed the connection.");
                    break;
                }
            }
        }
        catch (RespProtocolException ex)
        {
            reason = new RedisConnectionException($"Redis at {_endpoint} sent an unreadable reply: {ex.Message}", ex);
        }
        catch (Exception ex)
        {
            reason = new RedisConnectionException($"Reading from Redis at {_endpoint} failed: {ex.Message}", ex);
        }

        Close(reason);
        await _input.CompleteAsync();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await _stream.WriteAsync(segment);
                }

                RedisMetrics.SocketWrites.Add(1);

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            Close(new RedisConnectionException($"Writing to Redis at {_endpoint} failed: {ex.Message}", ex));
        }

        await reader.CompleteAsync();
    }

    private void FailOverdueCommands()
    {
        if (_closed || !_pending.TryPeek(out var oldest) || oldest.Deadline > _time.GetTimestamp())
        {
            return;
        }

        // Deadlines grow in queue order: stop at the first one still in time.
        var now = _time.GetTimestamp();
        foreach (var pending in _pending)
        {
            if (pending.Deadline > now)
            {
                break;
            }

            if (!pending.IsFinished)
            {
                RedisMetrics.Timeouts.Add(1);
                pending.Fail(new RedisTimeoutException(
                    $"No reply to {pending.Command} from Redis at {_endpoint} within {_commandTimeout.TotalMilliseconds:0} ms."));
            }
        }

        // Nothing received for three command timeouts (at least 5 s) since the oldest owed reply was
        // requested: the peer is presumed gone (a half-open connection never reports an error by itself).
        var silentSince = Math.Max(Volatile.Read(ref _lastReceived), oldest.Deadline - _commandTimeoutTicks);
        if (now - silentSince > _silenceLimitTicks)
        {
            Close(new RedisConnectionException($"Redis at {_endpoint} sent nothing for {_silenceLimit.TotalMilliseconds:0} ms while replies were owed."));
        }
    }

    /// <summary>Closes once; a null reason means an orderly close by the client.</summary>
    private void Close(Exception? reason)
    {
        lock (_writeLock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _output.Writer.Complete();
        }

        _timeoutTimer.Dispose();
        if (reason is not null)
        {
            RedisMetrics.ConnectionErrors.Add(1);
            _logger.LogWarning(reason, "Redis connection to {Endpoint} lost: {Reason}", _endpoint, reason.Message);
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _stream.Dispose();
        var message = reason?.Message ?? $"The connection to {_endpoint} was closed by the client.";
        while (_pending.TryDequeue(out var pending))
        {
            pending.Fail(new RedisConnectionException(message, reason));
        }
    }
}
