namespace Opportunities.Api.Application;

/// <summary>Vendor roles the features accept.</summary>
public static class Callers
{
    /// <summary>Vendor staff who review POs, write vendor updates, run HOs and review projects.</summary>
    public static readonly string[] VendorStaff = ["admin", "ecosystem_manager", "pdm", "psm"];
}
