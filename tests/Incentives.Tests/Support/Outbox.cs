using Microsoft.EntityFrameworkCore;

namespace Incentives.Tests.Support;

/// <summary>Reads the events the service committed to its outbox (the relay publishes them from there).</summary>
public static class Outbox
{
    public static async Task<List<string>> PayloadsAsync(this IncentivesApiFactory api, string eventName)
    {
        await using var db = api.Db();
        return await db.Database.SqlQuery<string>($"SELECT payload::text AS \"Value\" FROM outbox_messages WHERE message_type LIKE {"%" + eventName + "%"} ORDER BY id").ToListAsync();
    }
}
