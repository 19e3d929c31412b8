using System.Net;
using System.Text.Json;

namespace Hostile.Tests.Support;

/// <summary>One answer of a race, read once: status, Location, the resource id it names, its error code.</summary>
public sealed record RaceAnswer(int Status, string? Location, string? ResourceId, string? ErrorCode, string Text)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public static async Task<RaceAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        string? resourceId = null;
        string? errorCode = null;
        try
        {
            if (text.Length > 0 && JsonDocument.Parse(text).RootElement is { ValueKind: JsonValueKind.Object } body)
            {
                errorCode = body.TryGetProperty("error_code", out var code) ? code.GetString() : null;
                resourceId = body.TryGetProperty("id", out var id) ? id.ToString() : null;
            }
        }
        catch (JsonException)
        {
        }

        return new RaceAnswer((int)response.StatusCode, response.Headers.Location?.ToString(), resourceId, errorCode, text);
    }

    public override string ToString() => $"{Status} {(Text.Length > 300 ? Text[..300] : Text)}";
}

/// <summary>
/// What 8 identical requests sent at once may answer. Always: no 5xx; no 412 unless all eight are
/// 412 (an update that requires If-Match refuses every request without one: ADR 0013); every 4xx a
/// problem with an <c>error_code</c>. A first write (a create sent with one Idempotency-Key) or an
/// upsert (PUT) has one winner: the successful answers name one resource (one Location, one id,
/// one status) and every other answer is a coded 409.
/// </summary>
public static class RaceRules
{
    public static bool IsFirstWrite(BodyOperation operation, bool sentIdempotencyKey) =>
        sentIdempotencyKey || operation.Method == HttpMethod.Put.Method;

    public static IEnumerable<string> Check(BodyOperation operation, bool sentIdempotencyKey, IReadOnlyList<RaceAnswer> answers)
    {
        var allPreconditionFailed = answers.All(a => a.Status == (int)HttpStatusCode.PreconditionFailed);
        foreach (var answer in answers)
        {
            if (answer.Status >= 500 || (answer.Status == 412 && !allPreconditionFailed))
            {
                yield return $"{operation} → {answer}";
            }
            else if (answer.Status >= 400 && answer.ErrorCode is null)
            {
                yield return $"{operation} → {answer.Status} without error_code";
            }
        }

        var winners = answers.Where(a => a.IsSuccess).ToList();
        if (!IsFirstWrite(operation, sentIdempotencyKey) || winners.Count == 0)
        {
            yield break;
        }

        if (winners.Select(a => a.Status).Distinct().Count() > 1
            || winners.Select(a => a.Location).Distinct(StringComparer.Ordinal).Count() > 1
            || winners.Select(a => a.ResourceId).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            yield return $"{operation}: more than one winner: {string.Join(" | ", winners.Select(w => $"{w.Status} {w.Location} id={w.ResourceId}"))}";
        }

        foreach (var loser in answers.Where(a => !a.IsSuccess && a.Status != (int)HttpStatusCode.Conflict))
        {
            yield return $"{operation}: beside a winner, a loser answered {loser} (expected the winner's answer or a coded 409)";
        }
    }
}
