using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SubscriptionFiles.Api.Data;

/// <summary>snake_case for the schema and for enum values stored as text.</summary>
internal static class SnakeCase
{
    public static string Convert(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>Renames every table, column, key and index of the model; call last in <c>OnModelCreating</c>.</summary>
    public static void ApplyNames(ModelBuilder modelBuilder)
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

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(Convert(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Convert(index.GetDatabaseName()!));
            }
        }
    }
}

/// <summary>Stores an enum as its snake_case name, as the API shows it.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(value => NameOf(value), text => ValueOf(text))
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase.Convert(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TEnum>().Select(v => Names[v])];

    public static string NameOf(TEnum value) => Names[value];

    public static TEnum ValueOf(string text) => Values[text];

    public static bool TryParse(string? text, out TEnum value) => Values.TryGetValue(text ?? "", out value);
}
