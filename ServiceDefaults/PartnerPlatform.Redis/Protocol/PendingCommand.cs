namespace PartnerPlatform.Redis.Protocol;

/// <summary>A command written to the connection and waiting for its reply, in write order.</summary>
internal interface IPendingCommand
{
    string Command { get; }

    /// <summary>Timestamp (of the client's <see cref="TimeProvider"/>) after which the caller gets a timeout.</summary>
    long Deadline { get; }

    bool IsFinished { get; }

    void Complete(RedisReply reply);

    void Fail(Exception exception);
}

/// <summary>
/// The caller's side of one command. Completing it never runs the caller's continuation on the read
/// loop (RunContinuationsAsynchronously). A reply for a command that already timed out or was
/// cancelled is still consumed in order and then dropped.
/// </summary>
internal sealed class PendingCommand<T>(string command, long deadline, Func<RedisReply, T> convert)
    : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IPendingCommand
{
    public string Command { get; } = command;

    public long Deadline { get; } = deadline;

    public bool IsFinished => Task.IsCompleted;

    public void Complete(RedisReply reply)
    {
        if (Task.IsCompleted)
        {
            return;
        }

        if (reply.IsError)
        {
            TrySetException(new RedisServerException(reply.ErrorMessage!));
            return;
        }

        T value;
        try
        {
            value = convert(reply);
        }
        catch (Exception ex)
        {
            TrySetException(ex);
            return;
        }

        TrySetResult(value);
    }

    public void Fail(Exception exception) => TrySetException(exception);
}
