using System;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks
{
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
            ZeroSkippingBenchmarks.StopSkipping(_multiplying);
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
