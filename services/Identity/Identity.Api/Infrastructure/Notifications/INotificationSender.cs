namespace Identity.Api.Infrastructure.Notifications;

/// <summary>
/// Delivers a message to a person. SMTP and SMS gateways are adapters behind this interface; the
/// local default (<see cref="FileNotificationSender"/>) appends to a file.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

public enum NotificationChannel
{
    Sms,
    Email,
}

public sealed record Notification(NotificationChannel Channel, string Address, string Subject, string Body);
