using System.Runtime.CompilerServices;
using Npgsql;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Application;

/// <summary>
/// Streams a dataset page by page on its keyset (<c>key &gt; @after ORDER BY key LIMIT n</c>): one
/// page is in memory at a time, whatever the size of the list.
/// </summary>
public sealed class DatasetReader(NpgsqlDataSource dataSource)
{
    public async IAsyncEnumerable<object?[]> ReadAsync(
        Dataset dataset, Guid partnerId, DeliveryPeriod? period, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = dataset.SqlFor(period is not null);
        var after = dataset.FirstKey;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("partner_id", partnerId);
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("limit", pageSize);
            if (period is not null)
            {
                command.Parameters.AddWithValue("period_start", period.Start.UtcDateTime);
                command.Parameters.AddWithValue("period_end", period.End.UtcDateTime);
            }

            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var values = new object?[reader.FieldCount];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    after = values[0]!;
                    rows++;
                    yield return values;
                }
            }

            if (rows < pageSize)
            {
                yield break;
            }
        }
    }
}
