namespace Identity.Api.Application;

/// <summary>One page of a query and the total it was cut from.</summary>
public sealed record Listing<T>(int Total, IReadOnlyList<T> Items);
