using System.Net;
using Incentives.Api.Domain;
using Incentives.Tests.Support;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class QualificationTests(IncentivesApiFactory api)
{
    private const string Path = "/v2/partners/incentives/fh/enrolments";

    [Fact]
    public async Task Only_a_partner_on_the_service_path_at_a_qualifying_stage_may_apply()
    {
        var scenario = new Scenario(api);
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { track = "standard", agreement_signed = true }), HttpStatusCode.Forbidden, "CBC.99018001");

        await scenario.PathStageAsync("registered");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { track = "standard", agreement_signed = true }), HttpStatusCode.Forbidden, "CBC.99018001");

        await scenario.PathStageAsync(PartnerProfile.CapabilityDifferentiated);
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { track = "standard", agreement_signed = false }), HttpStatusCode.BadRequest, "CBC.99018003");
        var enrolment = await partner.PostOkAsync(Path, new { track = "standard", agreement_signed = true }, HttpStatusCode.Created);
        Assert.Equal("active", enrolment.Text("status"));
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { track = "standard", agreement_signed = true }), HttpStatusCode.Conflict, "CBC.99018004");
    }

    [Fact]
    public async Task The_CCoE_track_is_invite_only_and_vendor_staff_enrol_the_partner()
    {
        var scenario = new Scenario(api);
        await scenario.PathStageAsync(PartnerProfile.RoleCertified);
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { track = "ccoe", agreement_signed = true }), HttpStatusCode.Forbidden, "CBC.99018002");

        using var vendor = scenario.Vendor();
        var enrolled = await vendor.PostOkAsync("/v2/vendor/incentives/fh/ccoe-enrolments", new { partner_id = scenario.PartnerId }, HttpStatusCode.Created);
        Assert.Equal("ccoe", enrolled.Text("track"));
        Assert.Equal("active", enrolled.Text("status"));

        // A partner cannot call vendor endpoints.
        await ProblemAssert.IsProblem(await partner.PostJsonAsync("/v2/vendor/incentives/fh/ccoe-enrolments", new { partner_id = scenario.PartnerId }), HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task The_lecturer_fund_has_its_own_application_that_vendor_staff_decide_once()
    {
        var scenario = new Scenario(api);
        await scenario.PathStageAsync(PartnerProfile.RoleCertified);
        using var partner = scenario.Partner();
        var application = await partner.PostOkAsync(Path, new { track = "lecturer_fund", agreement_signed = true, remark = "two certified lecturers" }, HttpStatusCode.Created);
        Assert.Equal("pending_review", application.Text("status"));

        using var vendor = scenario.Vendor();
        var approved = await vendor.PostOkAsync($"/v2/vendor/incentives/fh/enrolments/{application.Id()}/decision", new { approve = true });
        Assert.Equal("active", approved.Text("status"));
        await ProblemAssert.IsProblem(
            await vendor.PostJsonAsync($"/v2/vendor/incentives/fh/enrolments/{application.Id()}/decision", new { approve = false }), HttpStatusCode.Conflict, "CBC.99018005");
    }
}
