using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartnerPlatform.AppHost;

/// <summary>
/// The SAML service provider's signing key for a local run: one self-signed certificate for every
/// identity-api instance, so the metadata one instance serves verifies the AuthnRequest another signs
/// (ADR 0042). Made anew on each start; a production deployment configures its own.
/// </summary>
internal static class SamlServiceProviderKey
{
    public static (string CertificatePem, string KeyPem) Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=PartnerPlatform SAML service provider (local)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
