using PartnerPlatform.ServiceDefaults;

namespace Identity.Api;

/// <summary>
/// identity-api's own error codes. The CBC.99000xxx/CBC.99004xxx/CBC.5017/CBC.50010059 codes named by
/// the registration API keep the seed's meaning; the others are this service's additions in the same range.
/// </summary>
public static class IdentityErrors
{
    // Registration API (seed)
    public static readonly ErrorCode MobileExists = new("CBC.99000029", 400, "Mobile number exists", "The mobile number already exists.");
    public static readonly ErrorCode MobileLimitReached = new("CBC.99000030", 400, "Mobile number over its limit", "The mobile number exceeds the limit.");
    public static readonly ErrorCode InvalidAccountName = new("CBC.99000031", 400, "Invalid account name", "Invalid DomainName.");
    public static readonly ErrorCode InvalidPassword = new("CBC.99000036", 400, "Invalid password", "The password does not meet the password rules.");
    public static readonly ErrorCode AccountNameExists = new("CBC.99000038", 400, "Account name exists", "The account name already exists.");
    public static readonly ErrorCode XAccountIdConflict = new("CBC.99000039", 400, "xaccount_id reused", "The xaccount_id was already used with different data.");
    public static readonly ErrorCode ProspectConflict = new("CBC.99000051", 409, "Customer already registered", "The customer is already registered by a partner.");
    public static readonly ErrorCode VerificationCodeExpired = new("CBC.99004008", 400, "Verification code expired", "The verification code has expired.");
    public static readonly ErrorCode VerificationCodeDead = new("CBC.99004009", 400, "Verification code invalidated", "The verification code failed too many checks; send a new one.");
    public static readonly ErrorCode VerificationCodeWrong = new("CBC.99004010", 400, "Verification code wrong", "The verification code is incorrect.");
    public static readonly ErrorCode VerificationSendLimit = new("CBC.99004015", 400, "Too many verification codes", "Too many verification codes were sent to this receiver; try again later.");
    public static readonly ErrorCode InvalidMobile = new("CBC.5017", 400, "Invalid mobile number", "The mobile number is invalid.");
    public static readonly ErrorCode DistributorCannotAssociate = new("CBC.50010059", 400, "Distributor cannot associate customers", "A distributor cannot associate customers directly; create them for a reseller with indirect_partner_id.");

    // This service's additions
    public static readonly ErrorCode EmailExists = new("CBC.99000032", 400, "Email exists", "The email address already exists.");
    public static readonly ErrorCode ProspectLimitReached = new("CBC.99000052", 400, "Too many registered customers", "The partner already has the maximum number of pending or registered customers.");
    public static readonly ErrorCode InvitationInvalid = new("CBC.99000053", 400, "Invitation link invalid", "The invitation link does not exist.");
    public static readonly ErrorCode InvitationExpired = new("CBC.99000054", 400, "Invitation link expired", "The invitation link has expired.");
    public static readonly ErrorCode InvitationUsed = new("CBC.99000055", 400, "Invitation link used", "The invitation link has already been used.");
    public static readonly ErrorCode CustomerAlreadyAssociated = new("CBC.99000056", 409, "Customer already associated", "The customer is already associated with a partner.");
    public static readonly ErrorCode ProspectHasNoEmail = new("CBC.99000057", 400, "Customer has no email", "Add an email address to the registered customer before sending an online invitation.");
    public static readonly ErrorCode DisassociationCooldown = new("CBC.99000058", 409, "Disassociation cooldown", "Only one disassociation request per customer is allowed every 3 months.");
    public static readonly ErrorCode DisassociationBlocked = new("CBC.99000059", 409, "Disassociation blocked", "The customer cannot be disassociated now.");
    public static readonly ErrorCode MemberInvitationLimit = new("CBC.99000060", 400, "Too many invitations today", "An administrator may send at most 100 invitations per day.");
    public static readonly ErrorCode MemberInvitationPending = new("CBC.99000061", 409, "Invitation pending", "A valid invitation to this address exists; invite again after it expires.");
    public static readonly ErrorCode InvalidCredentials = new("CBC.99001001", 401, "Invalid credentials", "The user name or password is incorrect.");
    public static readonly ErrorCode AccountLockedOut = new("CBC.99001002", 403, "Account locked", "The account is locked after repeated failed sign-ins; try again later.");
    public static readonly ErrorCode InvalidRefreshToken = new("CBC.99001003", 401, "Invalid refresh token", "The refresh token is invalid or expired.");
    public static readonly ErrorCode WrongCurrentPassword = new("CBC.99001004", 400, "Wrong current password", "The current password is incorrect.");

    // Password recovery and the account choice (ADR 0041)
    public static readonly ErrorCode AccountChoiceRequired = new("CBC.99001010", 409, "Account choice required", "Several accounts use this mobile number or email; repeat the call with the user_name of one of them.");

    // SAML single sign-on (ADR 0042)
    public static readonly ErrorCode SsoNotConfigured = new("CBC.99001030", 404, "SSO not configured", "The partner has no SAML identity provider.");
    public static readonly ErrorCode SamlMetadataMalformed = new("CBC.99001031", 400, "Identity provider metadata malformed", "The metadata is not a SAML 2.0 EntityDescriptor of an identity provider.");
    public static readonly ErrorCode SamlDtdRefused = new("CBC.99001032", 400, "DTD refused", "SAML documents must not contain a document type declaration.");
    public static readonly ErrorCode SamlMetadataNoCertificate = new("CBC.99001033", 400, "No signing certificate", "The metadata holds no usable RSA signing certificate.");
    public static readonly ErrorCode SamlMetadataNoSsoService = new("CBC.99001034", 400, "No single sign-on service", "The metadata names no SingleSignOnService with the HTTP-Redirect binding at an absolute http(s) URL.");
    public static readonly ErrorCode SamlResponseMalformed = new("CBC.99001035", 400, "SAML response malformed", "The SAMLResponse is not a well-formed SAML 2.0 Response with exactly one assertion.");
    public static readonly ErrorCode SamlResponseUnsigned = new("CBC.99001036", 401, "SAML response unsigned", "Neither the response nor its assertion is signed.");
    public static readonly ErrorCode SamlSignatureInvalid = new("CBC.99001037", 401, "SAML signature invalid", "The signature does not verify with the identity provider's certificates.");
    public static readonly ErrorCode SamlSignedElementMismatch = new("CBC.99001038", 401, "SAML signature does not cover the response", "The signature must reference, by its unique ID, the response or the one assertion that is read.");
    public static readonly ErrorCode SamlAudienceMismatch = new("CBC.99001039", 401, "SAML audience mismatch", "The assertion is not meant for this service provider.");
    public static readonly ErrorCode SamlRecipientMismatch = new("CBC.99001040", 401, "SAML recipient mismatch", "The response's Destination or the assertion's Recipient is not this service provider's ACS URL.");
    public static readonly ErrorCode SamlExpired = new("CBC.99001041", 401, "SAML assertion expired", "The assertion's validity window has passed.");
    public static readonly ErrorCode SamlNotYetValid = new("CBC.99001042", 401, "SAML assertion not yet valid", "The assertion's validity window has not started.");
    public static readonly ErrorCode SamlUnknownRequest = new("CBC.99001043", 401, "SAML request unknown", "The response answers no pending authentication request (InResponseTo unknown, used or expired).");
    public static readonly ErrorCode SamlReplay = new("CBC.99001044", 401, "SAML assertion replayed", "The assertion was already used.");
    public static readonly ErrorCode SamlIssuerMismatch = new("CBC.99001045", 401, "SAML issuer mismatch", "The response was not issued by the partner's identity provider.");
    public static readonly ErrorCode SamlStatusNotSuccess = new("CBC.99001046", 401, "SAML sign-in failed", "The identity provider answered a status other than Success.");
    public static readonly ErrorCode SamlLoginCodeInvalid = new("CBC.99001047", 400, "Sign-in code invalid", "The single sign-on code is unknown, used or expired.");
    public static readonly ErrorCode SamlServiceProviderKeyMissing = new("CBC.99001048", 503, "SAML not available", "The service provider's signing certificate is not configured.");
    public static readonly ErrorCode SamlAttributeInvalid = new("CBC.99001049", 400, "SAML attributes invalid", "The assertion's name id or attributes cannot make an account.");

    // Consent record, ecosystem manager, certificates
    public static readonly ErrorCode ConsentRequired = new("CBC.99001050", 400, "Consent required", "Joining a partner requires accepting the user agreement, the privacy policy and the transfer of account data.");
    public static readonly ErrorCode ConsentVersionNotInForce = new("CBC.99001051", 409, "Document version not in force", "An accepted document version is not the version in force; show the current documents and ask again.");
    public static readonly ErrorCode NotAnEcosystemManager = new("CBC.99001052", 400, "Not an ecosystem manager", "The staff account does not exist or is not vendor staff with the pdm or ecosystem_manager role.");
    public static readonly ErrorCode UnknownCertificateLevel = new("CBC.99001053", 400, "Unknown certificate level", "The certificate level is hcia, hcip or hcie.");
    public static readonly ErrorCode CertificateExpiryBeforeIssue = new("CBC.99001054", 400, "Expiry before issue", "The certificate's expiry date must be after its issue date.");
    public static readonly ErrorCode CertificateNumberExists = new("CBC.99001055", 409, "Certificate number exists", "The account already holds a certificate with this number.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        MobileExists, MobileLimitReached, InvalidAccountName, InvalidPassword, AccountNameExists, XAccountIdConflict,
        ProspectConflict, VerificationCodeExpired, VerificationCodeDead, VerificationCodeWrong, VerificationSendLimit,
        InvalidMobile, DistributorCannotAssociate, EmailExists, ProspectLimitReached, InvitationInvalid, InvitationExpired,
        InvitationUsed, CustomerAlreadyAssociated, ProspectHasNoEmail, DisassociationCooldown, DisassociationBlocked,
        MemberInvitationLimit, MemberInvitationPending, InvalidCredentials, AccountLockedOut, InvalidRefreshToken,
        WrongCurrentPassword,
        AccountChoiceRequired,
        SsoNotConfigured, SamlMetadataMalformed, SamlDtdRefused, SamlMetadataNoCertificate, SamlMetadataNoSsoService,
        SamlResponseMalformed, SamlResponseUnsigned, SamlSignatureInvalid, SamlSignedElementMismatch, SamlAudienceMismatch,
        SamlRecipientMismatch, SamlExpired, SamlNotYetValid, SamlUnknownRequest, SamlReplay, SamlIssuerMismatch,
        SamlStatusNotSuccess, SamlLoginCodeInvalid, SamlServiceProviderKeyMissing, SamlAttributeInvalid,
        ConsentRequired, ConsentVersionNotInForce, NotAnEcosystemManager, UnknownCertificateLevel, CertificateExpiryBeforeIssue, CertificateNumberExists,
    ];
}
