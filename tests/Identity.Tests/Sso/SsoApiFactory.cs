using System.Security.Cryptography.X509Certificates;
using Identity.Api.Application.Sso;
using Identity.Tests.Support;

namespace Identity.Tests.Sso;

/// <summary>identity-api with a configured SAML service provider key (the production path) and public URLs of its own.</summary>
public sealed class SsoApiFactory : IdentityApiFactory
{
    public const string PublicBaseUrl = "https://partner-center.test";
    public const string FrontendSignInUrl = "https://portal.test/sso/callback";
    public const string EntityId = PublicBaseUrl + "/v2/sso/saml/metadata";
    public const string AcsUrl = PublicBaseUrl + "/v2/sso/saml/acs";

    public SsoApiFactory()
    {
        using var certificate = SamlServiceProviderKey.SelfSigned(DateTimeOffset.UtcNow, "CN=Test service provider");
        using var key = certificate.GetRSAPrivateKey()!;
        ServiceProviderCertificatePem = certificate.ExportCertificatePem();
        Settings = new Dictionary<string, string>
        {
            ["Identity:Saml:PublicBaseUrl"] = PublicBaseUrl,
            ["Identity:Saml:FrontendSignInUrl"] = FrontendSignInUrl,
            ["Identity:Saml:SigningCertificatePem"] = ServiceProviderCertificatePem,
            ["Identity:Saml:SigningKeyPem"] = key.ExportPkcs8PrivateKeyPem(),
        };
    }

    public string ServiceProviderCertificatePem { get; }

    protected override IReadOnlyDictionary<string, string> Settings { get; }
}
