using System;
using BenchmarkDotNet.Attributes;
using ConvGen.Inference;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// One 3x3 stride-1 'same' convolution + ReLU, as N3 has them: the generated direct kernel (a one-layer network)
    /// against <see cref="WinogradConvolution"/> F(2x2, 3x3) and F(4x4, 3x3), same weights and input.
    /// `dotnet run -c Release --project tests/ConvGen.Benchmarks -- --winograd`.
    /// </summary>
    public class WinogradBenchmarks
    {
        private IConvNet _direct = null!;
        private float[] _input = null!, _output = null!, _bias = null!, _f2 = null!, _f4 = null!, _work2 = null!, _work4 = null!;
        private int _size, _in, _out;

        [Params("32x32x16>16", "32x32x32>32", "56x56x64>64", "16x16x16>32", "16x16x32>64", "16x16x64>64", "8x8x64>64", "8x8x128>128", "4x4x256>256")]
        public string Layer { get; set; } = "16x16x64>64";

        [GlobalSetup]
        public void Setup()
        {
            string[] parts = Layer.Split('x', '>');
            (_size, _in, _out) = (int.Parse(parts[0]), int.Parse(parts[2]), int.Parse(parts[3]));
            float[] k1 = Parameters();
            _direct = Layer switch
            {
                "32x32x32>32" => new WinogradLayers.L32x32x32To32(k1),
                "16x16x32>64" => new WinogradLayers.L16x16x32To64(k1),
                "16x16x64>64" => new WinogradLayers.L16x16x64To64(k1),
                "8x8x128>128" => new WinogradLayers.L8x8x128To128(k1),
                "32x32x16>16" => new WinogradLayers.L32x32x16To16(k1),
                "16x16x16>32" => new WinogradLayers.L16x16x16To32(k1),
                "8x8x64>64" => new WinogradLayers.L8x8x64To64(k1),
                "4x4x256>256" => new WinogradLayers.L4x4x256To256(k1),
                "56x56x64>64" => new WinogradLayers.L56x56x64To64(k1),
                _ => throw new InvalidOperationException("Unknown layer " + Layer),
            };
            _bias = new float[_out];
            Array.Copy(k1, 9 * _in * _out, _bias, 0, _out);
            _f2 = new float[WinogradConvolution.TransformedKernelLength(2, _in, _out)];
            _f4 = new float[WinogradConvolution.TransformedKernelLength(4, _in, _out)];
            WinogradConvolution.TransformKernel(2, k1.AsSpan(0, 9 * _in * _out), _in, _out, _f2);
            WinogradConvolution.TransformKernel(4, k1.AsSpan(0, 9 * _in * _out), _in, _out, _f4);
            _work2 = new float[WinogradConvolution.WorkspaceLength(2, _in, _out)];
            _work4 = new float[WinogradConvolution.WorkspaceLength(4, _in, _out)];
            var random = new Random(7);
            _input = new float[_size * _size * _in];
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = (float)(random.NextDouble() * 2 - 1);
            }

            _output = new float[_size * _size * _out];
        }

        private float[] Parameters()
        {
            var random = new Random(11);
            var copy = new float[9 * _in * _out + _out];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = (float)(random.NextDouble() - 0.5) * 0.2f;
            }

            return copy;
        }

        [Benchmark(Baseline = true)]
        public void Direct() => _direct.Run(_input, _output);

        [Benchmark]
        public void WinogradF2() => WinogradConvolution.Run(2, _input, _size, _size, _in, 1, 1, _f2, _bias, _output, _size, _size, _out, Activation.ReLU, _work2);

        [Benchmark]
        public void WinogradF4() => WinogradConvolution.Run(4, _input, _size, _size, _in, 1, 1, _f4, _bias, _output, _size, _size, _out, Activation.ReLU, _work4);
    }
}
