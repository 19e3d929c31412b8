using System.Security.Cryptography;

namespace PartnerPlatform.AppHost;

/// <summary>
/// A value handed to projects by environment, like Aspire's parameters: <c>Parameters__{name}</c> in
/// the AppHost's environment wins; otherwise, in Development, a password generated on the first
/// start and kept in <c>.data/apphost/parameters/{name}</c> (git-ignored), so it is the same on
/// every later start.
/// </summary>
public sealed class Parameter
{
    private const int GeneratedLength = 24;
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    private Parameter(string name, string value, bool secret, string? file)
    {
        Name = name;
        Value = value;
        Secret = secret;
        File = file;
    }

    public string Name { get; }

    public string Value { get; }

    /// <summary>Never printed outside Development.</summary>
    public bool Secret { get; }

    /// <summary>Where the generated value is kept; null when it came from the environment.</summary>
    public string? File { get; }

    /// <summary>The environment variable that sets the value instead.</summary>
    public static string VariableFor(string name) => "Parameters__" + name;

    internal static Parameter Password(string name, DistributedApplicationOptions options)
    {
        if (options.Parameters.TryGetValue(name, out var given) && !string.IsNullOrEmpty(given))
        {
            return new Parameter(name, given, secret: true, file: null);
        }

        if (!options.IsDevelopment)
        {
            throw new InvalidOperationException(
                $"Parameter '{name}' has no value: set {VariableFor(name)} (a password is generated only in Development).");
        }

        var file = Path.Combine(options.RepositoryRoot, ".data", "apphost", "parameters", name);
        return new Parameter(name, ReadOrCreate(file, GeneratePassword), secret: true, file);
    }

    /// <summary>Letters and digits without look-alikes, at least one of each kind.</summary>
    internal static string GeneratePassword()
    {
        const string all = Lower + Upper + Digits;
        while (true)
        {
            var password = RandomNumberGenerator.GetString(all, GeneratedLength);
            if (password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiDigit))
            {
                return password;
            }
        }
    }

    /// <summary>
    /// The kept value, or a new one written atomically: the file appears complete or not at all, and
    /// of two AppHosts starting at once the second one reads the first one's value.
    /// </summary>
    private static string ReadOrCreate(string file, Func<string> generate)
    {
        if (Read(file) is { } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // readable by its owner only
        }

        try
        {
            using (var writer = new StreamWriter(temporary, owner))
            {
                writer.Write(generate() + "\n");
            }

            System.IO.File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (System.IO.File.Exists(file))
        {
            // another AppHost kept its value first
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }

        return Read(file) ?? throw new InvalidOperationException($"{file} is empty: delete it to generate a new value.");
    }

    private static string? Read(string file) =>
        System.IO.File.Exists(file) && System.IO.File.ReadAllText(file).Trim() is { Length: > 0 } value ? value : null;
}
