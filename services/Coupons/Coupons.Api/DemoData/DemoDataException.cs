namespace Coupons.Api.DemoData;

/// <summary>Demo data cannot be seeded; the message says why and what to do.</summary>
public sealed class DemoDataException(string message) : Exception(message);
