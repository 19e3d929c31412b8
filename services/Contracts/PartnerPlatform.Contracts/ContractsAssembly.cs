namespace PartnerPlatform.Contracts;

/// <summary>Anchor for finding this assembly by reflection; not an event.</summary>
public static class ContractsAssembly
{
}
