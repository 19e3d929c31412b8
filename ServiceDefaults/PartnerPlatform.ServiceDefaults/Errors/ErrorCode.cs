namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// One entry of the error catalogue: the stable code clients branch on, the HTTP status it is
/// answered with, a short title and the default message (<c>error_msg</c>).
/// </summary>
public sealed record ErrorCode(string Code, int Status, string Title, string Message)
{
    public override string ToString() => Code;
}
