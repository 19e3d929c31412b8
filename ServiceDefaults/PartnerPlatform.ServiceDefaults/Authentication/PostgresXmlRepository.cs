using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The Data Protection key ring in the table <c>data_protection_keys</c> of the <c>keys</c>
/// database, created on first use. Keys are stored as Data Protection writes them: restrict
/// access to that database.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS data_protection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL UNIQUE,
            xml text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private readonly Lazy<bool> _schema = new(() =>
    {
        PostgresSchema.Ensure(dataSource, "data_protection_keys", Ddl);
        return true;
    });

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        _ = _schema.Value;
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        _ = _schema.Value;
        using var command = dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}

/// <summary>A key ring of this process only, for hosts without <c>ConnectionStrings:keys</c>.</summary>
internal sealed class InMemoryXmlRepository : IXmlRepository
{
    private readonly ConcurrentQueue<XElement> _elements = new();

    public IReadOnlyCollection<XElement> GetAllElements() => [.. _elements.Select(e => new XElement(e))];

    public void StoreElement(XElement element, string friendlyName) => _elements.Enqueue(new XElement(element));
}
