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
            FieldInfo finite = _multiplying.Generated.GetType().GetField("_weightsFinite", BindingFlags.NonPublic | BindingFlags.Instance)!;
            finite.SetValue(_multiplying.Generated, false);
            _skipping.Verify();
            _multiplying.Verify();
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _skipping.Dispose();
            _multiplying.Dispose();
        }

        [Benchmark(Baseline = true)]
        public void Skipping() => _skipping.RunGenerated();

        [Benchmark]
        public void Multiplying() => _multiplying.RunGenerated();
    }
}

namespace ConvGen.Benchmarks
{
    using System;

    /// <summary>N4's 1x1 layer (56x56x64 -> 128, ReLU6) behind a ReLU, for <see cref="ZeroFractionBenchmarks"/>.</summary>
    [ConvNet(56, 56, 64)]
    [Activation(Activation.ReLU)]
    [Conv2D(128, 1, Activation = Activation.ReLU6)]
    public partial class ReLUPointwise64To128
    {
    }

    /// <summary>
    /// Where skipping zeros starts to pay: N4's 1x1 layer behind a ReLU, skipping and multiplying, on inputs with a given
    /// fraction of zeros (independent per value). `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --zero-fractions`.
    /// </summary>
    public class ZeroFractionBenchmarks
    {
        private IConvNet _skipping = null!, _multiplying = null!;
        private float[] _input = null!, _output = null!;

        [Params(0.0, 0.2, 0.3, 0.4, 0.5, 0.7)]
        public double Zeros { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(5);
            var parameters = new float[ReLUPointwise64To128.ParameterCount];
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] = (float)(random.NextDouble() - 0.5) * 0.25f;
            }

            _skipping = new ReLUPointwise64To128(parameters);
            _multiplying = new ReLUPointwise64To128(parameters);
            _multiplying.GetType().GetField("_weightsFinite", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(_multiplying, false);
            _input = new float[ReLUPointwise64To128.InputLength];
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = random.NextDouble() < Zeros ? 0f : (float)(1 - random.NextDouble());
            }

            _output = new float[ReLUPointwise64To128.OutputLength];
        }

        [Benchmark(Baseline = true)]
        public void Multiplying() => _multiplying.Run(_input, _output);

        [Benchmark]
        public void Skipping() => _skipping.Run(_input, _output);
    }
}
