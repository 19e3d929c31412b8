using System.Text.Json;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure.Notifications;

/// <summary>
/// The local stand-in for the SMS and email gateways: appends each notification as one JSON line to
/// <c>Identity:Notifications:FilePath</c>. It plays the part of the recipient's phone or mailbox, so
/// it holds what the recipient would see.
/// </summary>
public sealed class FileNotificationSender(IOptions<NotificationOptions> options, TimeProvider timeProvider) : INotificationSender
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(
            new { sent_at = timeProvider.Now(), channel = notification.Channel, notification.Address, notification.Subject, notification.Body },
            PlatformJson.Options) + "\n";
        var path = options.Value.EffectiveFilePath;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, line, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The configuration section <c>Identity:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Identity:Notifications";

    /// <summary>The file sink; defaults to <c>identity-notifications.jsonl</c> in the temporary folder.</summary>
    public string? FilePath { get; set; }

    /// <summary>The base of links sent in invitations, e.g. <c>https://partner.example.com</c>.</summary>
    public string PublicBaseUrl { get; set; } = "https://partner-platform.local";

    internal string EffectiveFilePath => string.IsNullOrWhiteSpace(FilePath)
        ? Path.Combine(Path.GetTempPath(), "identity-notifications.jsonl")
        : FilePath;
}
