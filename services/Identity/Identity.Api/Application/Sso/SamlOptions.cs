namespace Identity.Api.Application.Sso;

/// <summary>The configuration section <c>Identity:Saml</c>: the platform as SAML 2.0 service provider.</summary>
public sealed class SamlOptions
{
    /// <summary>
    /// The public base URL browsers reach the platform at (the gateway), without a trailing slash;
    /// the ACS URL and the default entity id are built from it.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>The service provider's entity id; by default the metadata URL.</summary>
    public string? EntityId { get; set; }

    /// <summary>
    /// Where the browser goes after a successful sign-in, with <c>code</c> (one use, exchanged at
    /// <c>POST /v2/sso/saml/exchange</c>) and <c>relay_state</c> in the query.
    /// </summary>
    public string FrontendSignInUrl { get; set; } = "http://localhost:8080/sso/callback";

    /// <summary>The service provider's signing certificate (PEM). Required outside Development.</summary>
    public string? SigningCertificatePem { get; set; }

    /// <summary>The private RSA key of <see cref="SigningCertificatePem"/> (PEM, PKCS#8 or PKCS#1).</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>Tolerated clock difference with identity providers on NotBefore/NotOnOrAfter.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an AuthnRequest waits for its response.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the one-time code of a successful sign-in may be exchanged for tokens.</summary>
    public TimeSpan LoginCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest metadata document or decoded SAMLResponse accepted, in characters.</summary>
    public int MaxDocumentLength { get; set; } = 200_000;

    internal string ResolvedEntityId => EntityId ?? MetadataUrl;

    internal string MetadataUrl => PublicBaseUrl.TrimEnd('/') + "/v2/sso/saml/metadata";

    internal string AcsUrl => PublicBaseUrl.TrimEnd('/') + "/v2/sso/saml/acs";
}
