namespace SubscriptionFiles.Api.Domain;

/// <summary>An export task of one list and its record: status, row count and how long its file can be downloaded.</summary>
public sealed class Export
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public ExportList List { get; set; }

    public ExportStatus Status { get; set; }

    public long RowCount { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? RequestedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? FileName { get; set; }

    public string? Error { get; set; }
}
