using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// The generated code of the nets whose 1x1 layers skip zero inputs (N4, S5), as generated and with skipping turned off
    /// (the instance's <c>_weightsFinite</c> flag cleared, as the constructor clears it for weights that are not all finite):
    /// the same kernels but for the sparse tiles, on the same weights and input.
    /// `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --skip-zeros`.
    /// </summary>
    public class ZeroSkippingBenchmarks
    {
        private Contenders _skipping = null!, _multiplying = null!;

        [Params("N4", "S5")]
        public string Net { get; set; } = "N4";

        [GlobalSetup]
        public void Setup()
        {
            _skipping = Contenders.Create(Net);
            _multiplying = Contenders.Create(Net);
            StopSkipping(_multiplying.Generated);
            _skipping.Verify();
            _multiplying.Verify();
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _skipping.Dispose();
            _multiplying.Dispose();
        }

        /// <summary>Turns skipping off in one instance: clears the flag the constructor clears for weights that are not all finite.</summary>
        internal static void StopSkipping(IConvNet network) =>
            network.GetType().GetField("_weightsFinite", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(network, false);

        [Benchmark(Baseline = true)]
        public void Skipping() => _skipping.RunGenerated();

        [Benchmark]
        public void Multiplying() => _multiplying.RunGenerated();
    }
}
