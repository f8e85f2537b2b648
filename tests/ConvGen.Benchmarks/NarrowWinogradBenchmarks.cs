using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using ConvGen.Inference;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// A first layer on 1-3 channels (3x3 stride-1 'same' convolution + ReLU, with the 2x2 max pool after it where the
    /// layer says "pool"): the generated direct kernel (a one- or two-layer network, <see cref="NarrowWinogradLayers"/>)
    /// against <see cref="NarrowWinogradConvolution"/> with its fused pool, same weights and input.
    /// `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --narrow`.
    /// </summary>
    public class NarrowWinogradBenchmarks
    {
        private IConvNet _direct = null!;
        private float[] _input = null!, _output = null!, _bias = null!, _u = null!, _work = null!;
        private int _size, _in, _out;
        private WinogradPooling _pooling;

        [Params("28x28x3>16 pool", "32x32x3>32", "64x64x3>16 pool", "28x28x1>16", "28x28x2>16 pool", "28x28x4>16 pool", "224x224x3>32")]
        public string Layer { get; set; } = "28x28x3>16 pool";

        [GlobalSetup]
        public void Setup()
        {
            string[] words = Layer.Split(' ');
            string[] parts = words[0].Split('x', '>');
            (_size, _in, _out) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
            _pooling = words.Length > 1 && words[1] == "pool" ? WinogradPooling.Max2x2 : WinogradPooling.None;
            float[] parameters = Parameters();
            _direct = Layer switch
            {
                "28x28x3>16 pool" => new NarrowWinogradLayers.L28x28x3To16Pool(parameters),
                "32x32x3>32" => new NarrowWinogradLayers.L32x32x3To32(parameters),
                "64x64x3>16 pool" => new NarrowWinogradLayers.L64x64x3To16Pool(parameters),
                "28x28x1>16" => new NarrowWinogradLayers.L28x28x1To16(parameters),
                "28x28x2>16 pool" => new NarrowWinogradLayers.L28x28x2To16Pool(parameters),
                "28x28x4>16 pool" => new NarrowWinogradLayers.L28x28x4To16Pool(parameters),
                "224x224x3>32" => new NarrowWinogradLayers.L224x224x3To32(parameters),
                _ => throw new InvalidOperationException("Unknown layer " + Layer),
            };
            _bias = new float[_out];
            Array.Copy(parameters, 9 * _in * _out, _bias, 0, _out);
            _u = new float[NarrowWinogradConvolution.TransformedKernelLength(_in, _out)];
            NarrowWinogradConvolution.TransformKernel(parameters.AsSpan(0, 9 * _in * _out), _in, _out, _u);
            _work = new float[NarrowWinogradConvolution.WorkspaceLength(_in, _size)];
            var random = new Random(7);
            _input = new float[_size * _size * _in];
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = (float)(random.NextDouble() * 2 - 1);
            }

            int stored = _pooling == WinogradPooling.None ? _size : _size / 2;
            _output = new float[stored * stored * _out];
            if (_direct.OutputLength != _output.Length)
            {
                throw new InvalidOperationException($"{Layer}: the direct network stores {_direct.OutputLength} floats, the narrow kernel {_output.Length}.");
            }

            // Both compute the same layer: compare before timing.
            var expected = new float[_output.Length];
            Direct();
            _output.CopyTo(expected, 0);
            Array.Fill(_output, float.NaN);
            Narrow();
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(_output[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                if (!(error <= 1e-4))
                {
                    throw new InvalidOperationException($"{Layer}: narrow Winograd element {i} is {_output[i]}, direct {expected[i]}.");
                }

                worst = Math.Max(worst, error);
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "// {0}: narrow Winograd matches the direct network (largest error {1:E2} relative to max(1, |direct|)).", Layer, worst));
        }

        private float[] Parameters()
        {
            var random = new Random(11);
            var copy = new float[9 * _in * _out + _out];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = (float)(random.NextDouble() - 0.5) * 0.4f;
            }

            return copy;
        }

        [Benchmark(Baseline = true)]
        public void Direct() => _direct.Run(_input, _output);

        [Benchmark]
        public void Narrow() => NarrowWinogradConvolution.Run(_input, _size, _size, _in, 1, 1, _u, _bias, _output, _size, _size, _out, Activation.ReLU, _pooling, _work);
    }
}
