using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application.Sso;

/// <summary>
/// The service provider's RSA signing certificate: from <c>Identity:Saml:SigningCertificatePem</c>
/// and <c>SigningKeyPem</c> when configured; in Development, when they are not, a self-signed one
/// made at start-up (it changes at every start, so identity providers must read the metadata again).
/// Elsewhere, without configuration, SAML answers <see cref="IdentityErrors.SamlServiceProviderKeyMissing"/>.
/// </summary>
public sealed class SamlServiceProviderKey : IDisposable
{
    private readonly X509Certificate2? _certificate;

    public SamlServiceProviderKey(IOptions<IdentityOptions> options, IHostEnvironment environment, TimeProvider timeProvider)
    {
        var saml = options.Value.Saml;
        if (!string.IsNullOrWhiteSpace(saml.SigningCertificatePem) && !string.IsNullOrWhiteSpace(saml.SigningKeyPem))
        {
            _certificate = X509Certificate2.CreateFromPem(saml.SigningCertificatePem, saml.SigningKeyPem);
        }
        else if (environment.IsDevelopment())
        {
            _certificate = SelfSigned(timeProvider.GetUtcNow());
        }
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate => _certificate ?? throw new ApiException(IdentityErrors.SamlServiceProviderKeyMissing);

    /// <summary>The private key (a new handle the caller disposes).</summary>
    public RSA CreateSigningKey() => Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The SAML signing certificate has no RSA private key.");

    public void Dispose() => _certificate?.Dispose();

    /// <summary>A self-signed RSA 2048 certificate valid for two years.</summary>
    public static X509Certificate2 SelfSigned(DateTimeOffset now, string subject = "CN=PartnerPlatform SAML service provider")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
    }
}
