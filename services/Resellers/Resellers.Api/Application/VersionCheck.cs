namespace Resellers.Api.Application;

/// <summary>
/// The request's precondition (If-Match) on the row version a use case loaded, checked before it
/// changes anything; throws 412 CBC.0157 when it does not hold.
/// </summary>
public delegate void VersionCheck(uint version);
