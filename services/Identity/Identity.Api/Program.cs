using Identity.Api;
using Identity.Api.Apis;
using Identity.Api.Infrastructure.Tokens;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
if (await app.RunServiceVerbAsync(args))
{
    return;
}

if (args.Contains(SigningKeys.RotateArgument))
{
    await app.Services.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
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
app.MapPasswordResetApi();
app.MapSsoApi();
app.MapConsentApi();
app.MapEcosystemManagersApi();
app.MapCertificatesApi();
app.MapReferenceEnums();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
