using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Opportunities.Api.Data;

/// <summary>snake_case for every table, column, key and index of the model; applied last in <c>OnModelCreating</c>.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(Convert(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Convert(property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(Convert(key.GetName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Convert(index.GetDatabaseName()!));
            }
        }
    }

    private static string Convert(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
