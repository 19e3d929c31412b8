namespace PartnerPlatform.Csv;

/// <summary>What kind of personal data a column holds; such a column is never written in clear.</summary>
public enum PersonalData
{
    None,

    /// <summary>A person's or customer's name: masked with <c>PiiMask.Name</c>.</summary>
    Name,

    /// <summary>A phone number: masked with <c>PiiMask.Mobile</c>.</summary>
    Mobile,

    /// <summary>An email address: masked with <c>PiiMask.Email</c>.</summary>
    Email,

    /// <summary>
    /// An identifier of a person that must stay distinguishable but not identifiable: replaced by a keyed
    /// pseudonym (<c>{first four letters of the column}-{16 hex digits of HMAC-SHA256}</c>).
    /// </summary>
    Pseudonym,
}

/// <summary>A column of a CSV file: its header name and the personal data it holds.</summary>
public sealed record CsvColumn(string Name, PersonalData PersonalData = PersonalData.None);
