using System.Net;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Incentives.Tests.Support;

/// <summary>A fresh partner per test, and the steps most tests share (through the API and identity's events).</summary>
public sealed class Scenario(IncentivesApiFactory api)
{
    public Guid PartnerId { get; } = Guid.NewGuid();

    public static CurrentCaller VendorCaller { get; } = new() { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), VendorRole = "ops" };

    public CurrentCaller PartnerCaller => new() { IsAuthenticated = true, UserId = "user-" + PartnerId, PartnerId = PartnerId.ToString() };

    public HttpClient Partner() => api.CreateCallerClient(PartnerCaller);

    public HttpClient Vendor() => api.CreateCallerClient(VendorCaller);

    public async Task PathStageAsync(string stage)
    {
        await api.PublishAsync(new PartnerPathStageChanged(PartnerId, "registered", stage, api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                return await db.PartnerProfiles.AnyAsync(p => p.PartnerId == PartnerId && p.PathStage == stage);
            },
            TimeSpan.FromSeconds(20),
            "the path stage is recorded");
    }

    public async Task BusinessInfoCertifiedAsync()
    {
        await api.PublishAsync(new PartnerBusinessInfoCertified(PartnerId, api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                return await db.PartnerProfiles.AnyAsync(p => p.PartnerId == PartnerId && p.BusinessInfoCertifiedAt != null);
            },
            TimeSpan.FromSeconds(20),
            "the business information certification is recorded");
    }

    /// <summary>A role-certified partner enrolled on the standard track, with dedicated staff of the given monthly amounts.</summary>
    public async Task<List<Guid>> EnrolledWithStaffAsync(params decimal[] monthlyAmounts)
    {
        await PathStageAsync(PartnerProfile.RoleCertified);
        using var partner = Partner();
        await partner.PostOkAsync("/v2/partners/incentives/fh/enrolments", new { track = "standard", agreement_signed = true }, HttpStatusCode.Created);
        using var vendor = Vendor();
        var staff = new List<Guid>();
        for (var i = 0; i < monthlyAmounts.Length; i++)
        {
            var created = await vendor.PostOkAsync(
                "/v2/vendor/incentives/fh/staff",
                new { partner_id = PartnerId, track = "standard", name = $"Expert {i}", monthly_amount = monthlyAmounts[i], active_from = "2026-01-01" },
                HttpStatusCode.Created);
            staff.Add(created.Id());
        }

        return staff;
    }

    /// <summary>Enrolments made "now" by the test clock count for months that end after now; move the enrolment back so a past month is generated.</summary>
    public async Task BackdateEnrolmentAsync(DateTimeOffset activeFrom)
    {
        await using var db = api.Db();
        await db.FhEnrolments.Where(e => e.PartnerId == PartnerId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActiveFrom, activeFrom));
    }
}
