using System;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks.Experiments
{
    /// <summary>One band of N4's fused 1x1 layer (112 pixels, 64 -> 128, ReLU6), as the generated code computes it.</summary>
    [ConvNet(1, 112, 64)]
    [Conv2D(128, 1, Activation = Activation.ReLU6)]
    public partial class Pointwise64To128
    {
    }

    /// <summary>A wider 1x1 layer on a band of 112 pixels: 256 -> 256, ReLU6.</summary>
    [ConvNet(1, 112, 256)]
    [Conv2D(256, 1, Activation = Activation.ReLU6)]
    public partial class Pointwise256To256
    {
    }

    /// <summary>
    /// The generated 1x1 kernel against one level of Strassen (<see cref="StrassenPointwise"/>, Vector256) on one band of
    /// 112 pixels, same weights and input; the outputs are compared before timing. Run with <c>DOTNET_EnableAVX512=0</c>
    /// for the AVX2 configuration, where N4 misses its goal: `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --strassen`.
    /// </summary>
    public class StrassenBenchmarks
    {
        private const int Pixels = 112;
        private IConvNet _direct = null!;
        private float[] _input = null!, _directOutput = null!, _strassenOutput = null!, _combined = null!, _bias = null!, _workspace = null!;
        private int _in, _out;

        [Params("64>128", "256>256")]
        public string Layer { get; set; } = "64>128";

        [GlobalSetup]
        public void Setup()
        {
            (_in, _out) = Layer == "64>128" ? (64, 128) : (256, 256);
            var random = new Random(17);
            float[] kernel = new float[_in * _out];
            for (int i = 0; i < kernel.Length; i++)
            {
                kernel[i] = (float)(random.NextDouble() - 0.5) * 0.2f;
            }

            _bias = new float[_out];
            for (int i = 0; i < _out; i++)
            {
                _bias[i] = (float)(random.NextDouble() - 0.5);
            }

            _input = new float[Pixels * _in];
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = (float)(random.NextDouble() * 6); // a ReLU6 layer's output, as N4's depthwise gives
            }

            float[] parameters = new float[kernel.Length + _bias.Length];
            kernel.CopyTo(parameters, 0);
            _bias.CopyTo(parameters, kernel.Length);
            _direct = Layer == "64>128" ? new Pointwise64To128(parameters) : new Pointwise256To256(parameters);
            _combined = new float[7 * (_in / 2) * (_out / 2)];
            StrassenPointwise.TransformKernel(kernel, _in, _out, _combined, _out);
            _workspace = new float[7 * 6 * (_in / 2)];
            _directOutput = new float[Pixels * _out];
            _strassenOutput = new float[Pixels * _out];
            Direct();
            Strassen();
            for (int i = 0; i < _directOutput.Length; i++)
            {
                if (!(Math.Abs(_directOutput[i] - _strassenOutput[i]) <= 1e-4 * Math.Max(1, Math.Abs(_directOutput[i]))))
                {
                    throw new InvalidOperationException($"Strassen and the generated kernel disagree at {i}: {_strassenOutput[i]} vs {_directOutput[i]}.");
                }
            }
        }

        [Benchmark(Baseline = true)]
        public void Direct() => _direct.Run(_input, _directOutput);

        [Benchmark]
        public void Strassen() => StrassenPointwise.Run(ref _input[0], Pixels, _in, ref _combined[0], ref _bias[0], ref _strassenOutput[0], _out, 0f, 6f, ref _workspace[0]);
    }
}
