using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Resellers.Api.Domain;

namespace Resellers.Api.Data;

/// <summary>Stores an enum as its snake_case name, the spelling the API uses (<c>VendorApproved</c> → <c>vendor_approved</c>).</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => Names.Snake(value.ToString()),
    text => Enum.Parse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), true))
    where TEnum : struct, Enum;

internal static class SnakeCaseModel
{
    /// <summary>snake_case names for every table, column, key and index of the model. Call last in <c>OnModelCreating</c>.</summary>
    public static ModelBuilder UseSnakeCaseNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
            {
                entity.SetTableName(Names.Snake(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Names.Snake(property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(Names.Snake(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(Names.Snake(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Names.Snake(index.GetDatabaseName()!));
            }
        }

        return modelBuilder;
    }
}
