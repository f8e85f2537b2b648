using System;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks.Experiments
{
    /// <summary>
    /// The generated 1x1 kernel against Winograd's fast inner product (<see cref="FastInnerProduct"/>, Vector256) on one
    /// band of N4's 1x1 layer (112 pixels, 64 -> 128, ReLU6), same weights and input; the outputs are compared before
    /// timing. Run with <c>DOTNET_EnableAVX512=0</c> for the AVX2 configuration, where N4 misses its goal:
    /// `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --fast-inner-product`.
    /// </summary>
    public class FastInnerProductBenchmarks
    {
        private const int Pixels = 112, In = 64, Out = 128;
        private IConvNet _direct = null!;
        private float[] _input = null!, _directOutput = null!, _fastOutput = null!, _packed = null!, _biasMinusBeta = null!, _alpha = null!;

        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(17);
            float[] kernel = new float[In * Out];
            for (int i = 0; i < kernel.Length; i++)
            {
                kernel[i] = (float)(random.NextDouble() - 0.5) * 0.2f;
            }

            float[] bias = new float[Out];
            for (int i = 0; i < Out; i++)
            {
                bias[i] = (float)(random.NextDouble() - 0.5);
            }

            _input = new float[Pixels * In];
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = (float)(random.NextDouble() * 6); // a ReLU6 layer's output, as N4's depthwise gives
            }

            float[] parameters = new float[kernel.Length + bias.Length];
            kernel.CopyTo(parameters, 0);
            bias.CopyTo(parameters, kernel.Length);
            _direct = new Pointwise64To128(parameters);
            _packed = new float[In * Out];
            _biasMinusBeta = new float[Out];
            _alpha = new float[Pixels];
            FastInnerProduct.Pack(kernel, bias, In, Out, _packed, _biasMinusBeta);
            _directOutput = new float[Pixels * Out];
            _fastOutput = new float[Pixels * Out];
            Direct();
            Fast();
            double worst = 0;
            for (int i = 0; i < _directOutput.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(_directOutput[i] - _fastOutput[i]));
            }

            if (!(worst <= 1e-3))
            {
                throw new InvalidOperationException($"The fast inner product and the generated kernel disagree by {worst}.");
            }

            Console.WriteLine($"// fast inner product: largest difference from the generated kernel {worst:E2} (outputs in [0, 6])");
        }

        [Benchmark(Baseline = true)]
        public void Direct() => _direct.Run(_input, _directOutput);

        [Benchmark]
        public void Fast() => FastInnerProduct.Run(_input, Pixels, In, _packed, _biasMinusBeta, _fastOutput, Out, _alpha);
    }
}
