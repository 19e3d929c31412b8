using Npgsql;

namespace PartnerPlatform.Testing;

/// <summary>
/// A comparable description of a database's public schema, for the tests that prove hand-written
/// migrations build exactly what the EF model describes (ADR 0040).
/// </summary>
public static class DatabaseSchema
{
    /// <summary>
    /// Columns (type, precision, nullability, length, default, identity), indexes and constraints
    /// of the public schema, one sorted line each; EF's migration history table is left out.
    /// </summary>
    public static async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name
                   || ' precision=' || coalesce(numeric_precision::text, '-') || ',' || coalesce(numeric_scale::text, '-')
                   || ' nullable=' || is_nullable || ' length=' || coalesce(character_maximum_length::text, '-')
                   || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity || ':' || coalesce(identity_generation, '-')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            ORDER BY 1
            """,
            connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
