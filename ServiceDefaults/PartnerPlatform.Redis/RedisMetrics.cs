using System.Diagnostics.Metrics;

namespace PartnerPlatform.Redis;

/// <summary>
/// The client's meter, for telemetry to subscribe to by <see cref="MeterName"/>. Commands per socket
/// write is the pipelining depth the connection actually achieves.
/// </summary>
public static class RedisMetrics
{
    public const string MeterName = "PartnerPlatform.Redis";

    private static readonly Meter Meter = new(MeterName);

    internal static Counter<long> Commands { get; } =
        Meter.CreateCounter<long>("redis.client.commands", "{command}", "Commands written to the connection.");

    internal static Counter<long> SocketWrites { get; } =
        Meter.CreateCounter<long>("redis.client.socket_writes", "{write}", "Socket writes; each carries every command queued since the previous one.");

    internal static Counter<long> Timeouts { get; } =
        Meter.CreateCounter<long>("redis.client.timeouts", "{command}", "Commands that got no reply within the command timeout.");

    internal static Counter<long> ConnectionErrors { get; } =
        Meter.CreateCounter<long>("redis.client.connection_errors", "{error}", "Failed connect attempts and connections that broke.");
}
