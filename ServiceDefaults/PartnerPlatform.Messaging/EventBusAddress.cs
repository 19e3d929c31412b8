namespace PartnerPlatform.Messaging;

/// <summary>The parts of <c>ConnectionStrings:eventbus</c> (<c>amqp://user:password@host:port/vhost</c>).</summary>
internal sealed record EventBusAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public const string ConnectionStringName = "eventbus";

    public static EventBusAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} must be an amqp URI such as amqp://user:password@host:5672/vhost.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length > 0 ? Uri.UnescapeDataString(path) : "/";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        return new EventBusAddress(uri.Host, (ushort)port, virtualHost, username, password, uri.Scheme == "amqps");
    }
}
