namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The one way a request's fields are checked: collect every field error of a request, then
/// <see cref="ThrowIfAny"/> answers them together as 400 <c>CBC.0100</c> (or the code given) with
/// <c>errors</c> keyed by snake_case field name. A rule that has a code of its own (an invalid
/// mobile number, a password outside the rules) is answered alone with <see cref="Refuse"/>.
/// </summary>
/// <example>
/// <code>
/// var validation = new FieldValidation();
/// var name = validation.RequiredText(request.Name, "name", 64);
/// validation.Check(request.Limit is null or > 0, "limit", "limit must be positive.");
/// validation.ThrowIfAny();
/// </code>
/// </example>
public sealed class FieldValidation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The errors so far, keyed by field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>Records <paramref name="message"/> for <paramref name="field"/> (a field may collect several).</summary>
    public FieldValidation Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    /// <summary>Records <paramref name="message"/> for <paramref name="field"/> unless <paramref name="valid"/>.</summary>
    public FieldValidation Check(bool valid, string field, string message) => valid ? this : Add(field, message);

    /// <summary>Trimmed text; null when missing or blank; longer than <paramref name="maxLength"/> is an error, never truncated.</summary>
    public string? Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        Check(trimmed.Length <= maxLength, field, $"{field} must be at most {maxLength} characters.");
        return trimmed;
    }

    /// <summary>Like <see cref="Text"/>, and missing or blank is an error (the answer is then "").</summary>
    public string RequiredText(string? value, string field, int maxLength)
    {
        var text = Text(value, field, maxLength);
        Check(text is not null, field, $"{field} is required.");
        return text ?? "";
    }

    /// <summary>The value; missing is an error (the answer is then the default).</summary>
    public T Required<T>(T? value, string field)
        where T : struct
    {
        Check(value.HasValue, field, $"{field} is required.");
        return value.GetValueOrDefault();
    }

    /// <summary>An ISO 4217 currency code: required, trimmed, three capital letters (<c>CNY</c>).</summary>
    public string Currency(string? value, string field)
    {
        var code = RequiredText(value, field, 3);
        Check(code.Length == 0 || (code.Length == 3 && code.All(char.IsAsciiLetterUpper)), field, $"{field} must be an ISO 4217 code of 3 capital letters, e.g. CNY.");
        return code;
    }

    /// <summary>
    /// Text in a format of the service's own (a month <c>yyyy-MM</c>, a quarter <c>yyyy-Qn</c>): missing is
    /// an error, and so is text <paramref name="tryParse"/> refuses (<paramref name="format"/> says how it is written).
    /// </summary>
    public T Parsed<T>(string? value, string field, TryParser<T> tryParse, string format)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
            return default;
        }

        Check(tryParse(value.Trim(), out var parsed), field, $"{field} must be {format}.");
        return parsed;
    }

    /// <summary>
    /// Answers the collected errors as one problem: 400 with <paramref name="error"/>
    /// (<c>CBC.0100</c> by default), <c>error_msg</c> the first message, <c>errors</c> every field.
    /// </summary>
    public void ThrowIfAny(ErrorCode? error = null)
    {
        if (_errors.Count > 0)
        {
            throw new ApiException(error ?? ErrorCodes.InvalidParameter, _errors.First().Value[0], new Dictionary<string, string[]>(_errors, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Checks what <paramref name="read"/> reads and answers its errors at once (<see cref="ThrowIfAny"/>):
    /// for a handler that passes a request's checked fields straight to its use case.
    /// </summary>
    /// <example><c>var (name, currency) = FieldValidation.Checked(v =&gt; (v.RequiredText(request.Name, "name", 256), v.Currency(request.Currency, "currency")));</c></example>
    public static T Checked<T>(Func<FieldValidation, T> read, ErrorCode? error = null)
    {
        var validation = new FieldValidation();
        var value = read(validation);
        validation.ThrowIfAny(error);
        return value;
    }

    /// <summary>400 <c>CBC.0100</c> for one field at once (a request that cannot be checked further).</summary>
    public static ApiException Invalid(string field, string message) => Refuse(ErrorCodes.InvalidParameter, field, message);

    /// <summary>
    /// A field refused by a rule with a code of its own: <paramref name="error"/>'s status and code,
    /// the message (the code's own by default) under <c>errors.{field}</c>.
    /// </summary>
    public static ApiException Refuse(ErrorCode error, string field, string? message = null)
    {
        var text = message ?? error.Message;
        return new ApiException(error, text, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [text] });
    }
}

/// <summary>A <c>TryParse</c>-shaped method (<c>bool TryParse(string text, out T value)</c>).</summary>
public delegate bool TryParser<T>(string text, out T value);
