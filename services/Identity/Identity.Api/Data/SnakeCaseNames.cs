using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Identity.Api.Data;

/// <summary>
/// Gives every table, column, key, foreign key and index of the model a snake_case name, so the
/// schema reads like the API (<c>NormalizedUserName</c> → <c>normalized_user_name</c>).
/// Call last in <c>OnModelCreating</c>.
/// </summary>
internal static class SnakeCaseNames
{
    public static ModelBuilder UseSnakeCaseNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }

        return modelBuilder;
    }

    public static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>An enum value as the API and the events spell it (<c>OrderOnBehalf</c> → <c>order_on_behalf</c>).</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => ToSnakeCase(value.ToString());
}
