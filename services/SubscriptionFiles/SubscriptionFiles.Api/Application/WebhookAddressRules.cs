using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace SubscriptionFiles.Api.Application;

/// <summary>The address was refused by the SSRF rules at send or connect time.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);

/// <summary>
/// The SSRF rules (ADR 0044): a webhook never reaches a loopback, private (RFC 1918, fc00::/7),
/// link-local (169.254/16 with the metadata address, fe80::/10), shared (100.64/10), unspecified,
/// multicast or reserved address. Applied to the URL at registration, again before each send, and at
/// connect time to the address actually dialled, so a host that resolves differently later (DNS
/// rebinding) is still refused. <see cref="WebhooksOptions.AllowLoopback"/> lets loopback (and http) through for tests.
/// </summary>
public sealed class WebhookAddressRules(IOptions<WebhooksOptions> options)
{
    private static readonly IPNetwork[] ForbiddenV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork LoopbackV4 = IPNetwork.Parse("127.0.0.0/8");

    private static readonly IPNetwork[] ForbiddenV6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("100::/64"),
    ];

    /// <summary>IPv6 prefixes that embed an IPv4 address in their last 32 bits (NAT64), judged by that address.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public bool AllowLoopback => options.Value.AllowLoopback;

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return LoopbackV4.Contains(address) ? AllowLoopback : !ForbiddenV4.Any(network => network.Contains(address));
        }

        return IPAddress.IPv6Loopback.Equals(address) ? AllowLoopback : !ForbiddenV6.Any(network => network.Contains(address));
    }

    /// <summary>The host's addresses (an IP literal is its own), or none when it does not resolve.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }

    /// <summary>The URL a partner registers: absolute, https (http only with loopback allowed), every address of its host allowed.</summary>
    public async Task<Uri> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0
            || string.IsNullOrEmpty(uri.Host))
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookUrlInvalid, "url");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !AllowLoopback)
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookUrlNotHttps, "url");
        }

        var addresses = await ResolveAsync(uri.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookHostUnresolvable, "url");
        }

        if (addresses.Any(a => !IsAllowed(a)))
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookAddressRefused, "url");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !addresses.All(IPAddress.IsLoopback))
        {
            throw FieldValidation.Refuse(SubscriptionFilesErrors.WebhookUrlNotHttps, "url");
        }

        return uri;
    }

    /// <summary>The addresses to dial for <paramref name="host"/>; throws when any of them is refused.</summary>
    public async Task<IPAddress[]> AddressesToDialAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookAddressRefusedException($"The host {host} does not resolve.");
        }

        if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused)
        {
            throw new WebhookAddressRefusedException($"The host {host} resolves to {refused}, an address webhooks may not reach.");
        }

        return addresses;
    }
}
