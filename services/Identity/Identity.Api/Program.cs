using Identity.Api;
using Identity.Api.Apis;
using Identity.Api.Data;
using Identity.Api.DemoData;
using Identity.Api.Infrastructure.Tokens;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
if (args.Contains(IdentityDatabase.MigrateArgument))
{
    await IdentityDatabase.MigrateAsync(app.Services);
    await IdentityDatabase.SeedVendorAdminAsync(app.Services);
    return;
}

if (args.Contains(SigningKeys.RotateArgument))
{
    await app.Services.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
    return;
}

if (args.Contains(DemoDataVerb.Argument))
{
    Environment.ExitCode = await DemoDataCommand.RunAsync(app);
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapWellKnownApi();
app.MapAuthApi();
app.MapPartnerProfileApi();
app.MapVerificationCodeApi();
app.MapSubCustomersApi();
app.MapRegistrationsApi();
app.MapCustomerCareApi();
app.MapCustomerSelfServiceApi();
app.MapVendorCustomersApi();
app.MapVendorPartnersApi();
app.MapMembersApi();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
