using BenchmarkDotNet.Running;

namespace ConvGen.Generator.Benchmarks;

/// <summary>
/// Runs the generator benchmarks. Quick run (the numbers in the issue note):
/// <c>dotnet run -c Release --project tests/ConvGen.Generator.Benchmarks -- --filter "*" --job short</c>
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
