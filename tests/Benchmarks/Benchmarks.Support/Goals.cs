using System.Globalization;

namespace Benchmarks.Support;

/// <summary>
/// The measures a benchmark holds against its goals. <see cref="Print"/> writes them as a table and,
/// for <c>tests/Benchmarks/run-all</c>, as one tab-separated <c>GOAL</c> line each.
/// </summary>
public sealed class Goals(string benchmark)
{
    private readonly List<(string Measure, string Value, string Goal, bool? Met)> _rows = [];

    /// <summary>A measure with a goal: <paramref name="met"/> says whether the value reached it.</summary>
    public void Add(string measure, string value, string goal, bool met) => _rows.Add((measure, value, goal, met));

    /// <summary>A measure shown for reference, without a goal of its own.</summary>
    public void Add(string measure, string value) => _rows.Add((measure, value, "–", null));

    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public void Print(string loadAtStart)
    {
        var loadAtEnd = MachineLoad.Now();
        Console.WriteLine();
        Console.WriteLine($"| {benchmark}: measure | value | goal | |");
        Console.WriteLine("|---|---:|---|---|");
        foreach (var (measure, value, goal, met) in _rows)
        {
            Console.WriteLine($"| {measure} | {value} | {goal} | {Verdict(met)} |");
        }

        Console.WriteLine($"load average {loadAtStart} at the start, {loadAtEnd} at the end");
        foreach (var (measure, value, goal, met) in _rows)
        {
            Console.WriteLine(string.Join('\t', "GOAL", benchmark, measure, value, goal, Verdict(met), loadAtStart, loadAtEnd));
        }
    }

    private static string Verdict(bool? met) => met switch { true => "met", false => "not met", null => "" };
}
