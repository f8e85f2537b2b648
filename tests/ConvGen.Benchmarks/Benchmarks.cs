using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using ConvGen.Benchmarks.Nets;

namespace ConvGen.Benchmarks
{
    /// <summary>ConvGen vs ONNX Runtime vs the interpreter, single-threaded, batch 1, same weights and input.</summary>
    public class NetworkBenchmarks
    {
        private Contenders _contenders = null!;

        [Params("N1", "N2", "N3", "N4", "N5")]
        public string Net { get; set; } = "N3";

        [GlobalSetup]
        public void Setup()
        {
            _contenders = Contenders.Create(Net);
            _contenders.Verify(); // the three agree before anything is timed
        }

        [GlobalCleanup]
        public void Cleanup() => _contenders.Dispose();

        [Benchmark(Baseline = true)]
        public void Generated() => _contenders.RunGenerated();

        [Benchmark]
        public void OnnxRuntime() => _contenders.RunOrt();

        [Benchmark]
        public void Interpreter() => _contenders.RunInterpreter();
    }

    /// <summary>The survey's blocks (SurveyNets.cs): ConvGen vs ONNX Runtime, single-threaded, batch 1, same weights and input.</summary>
    public class SurveyBenchmarks
    {
        private Contenders _contenders = null!;

        [Params("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12")]
        public string Net { get; set; } = "S1";

        [GlobalSetup]
        public void Setup()
        {
            _contenders = Contenders.Create(Net);
            _contenders.Verify(); // the three agree before anything is timed
        }

        [GlobalCleanup]
        public void Cleanup() => _contenders.Dispose();

        [Benchmark(Baseline = true)]
        public void Generated() => _contenders.RunGenerated();

        [Benchmark]
        public void OnnxRuntime() => _contenders.RunOrt();
    }

    /// <summary>N3 on a batch of 64 images, on 1 and on 2 threads (the generated batch Run overload).</summary>
    public class BatchBenchmarks
    {
        public const int BatchSize = 64;
        private N3SmallVgg _network = null!;
        private float[] _input = null!;
        private float[] _output = null!;

        [Params(1, 2)]
        public int Threads { get; set; } = 2;

        [GlobalSetup]
        public void Setup()
        {
            var contenders = Contenders.Create("N3");
            _network = new N3SmallVgg(contenders.Parameters);
            var random = new Random(7);
            _input = new float[BatchSize * N3SmallVgg.InputLength];
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = (float)random.NextDouble();
            }

            _output = new float[BatchSize * N3SmallVgg.OutputLength];
            _network.Run(_input, _output, BatchSize, Threads);
            var single = new float[N3SmallVgg.OutputLength];
            for (int i = 0; i < BatchSize; i++)
            {
                _network.Run(_input.AsSpan(i * N3SmallVgg.InputLength, N3SmallVgg.InputLength), single);
                if (!single.AsSpan().SequenceEqual(_output.AsSpan(i * N3SmallVgg.OutputLength, N3SmallVgg.OutputLength)))
                {
                    throw new InvalidOperationException($"Batch output {i} differs from running the image alone.");
                }
            }

            contenders.Dispose();
        }

        [Benchmark]
        public void N3Batch64() => _network.Run(_input, _output, BatchSize, Threads);
    }

    /// <summary>
    /// One core's multiply-add peak per vector width: 12 independent FMA chains (more than latency x throughput,
    /// so the FMA units, not dependencies, limit), <see cref="Steps"/> steps each. GFLOP/s = Flops / time.
    /// </summary>
    public class FmaPeakBenchmarks
    {
        public const int Steps = 1 << 16;
        public const int Chains = 12;

        public static long Flops(int lanes) => 2L * lanes * Chains * Steps;

        [Benchmark]
        public float Vector128Fma()
        {
            Vector128<float> m = Vector128.Create(0.999f), c = Vector128.Create(0.001f);
            Vector128<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
            for (int i = 0; i < Steps; i++)
            {
                a0 = Vector128.FusedMultiplyAdd(a0, m, c); a1 = Vector128.FusedMultiplyAdd(a1, m, c); a2 = Vector128.FusedMultiplyAdd(a2, m, c);
                a3 = Vector128.FusedMultiplyAdd(a3, m, c); a4 = Vector128.FusedMultiplyAdd(a4, m, c); a5 = Vector128.FusedMultiplyAdd(a5, m, c);
                a6 = Vector128.FusedMultiplyAdd(a6, m, c); a7 = Vector128.FusedMultiplyAdd(a7, m, c); a8 = Vector128.FusedMultiplyAdd(a8, m, c);
                a9 = Vector128.FusedMultiplyAdd(a9, m, c); a10 = Vector128.FusedMultiplyAdd(a10, m, c); a11 = Vector128.FusedMultiplyAdd(a11, m, c);
            }

            return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }

        [Benchmark]
        public float Vector256Fma()
        {
            Vector256<float> m = Vector256.Create(0.999f), c = Vector256.Create(0.001f);
            Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
            for (int i = 0; i < Steps; i++)
            {
                a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c); a2 = Vector256.FusedMultiplyAdd(a2, m, c);
                a3 = Vector256.FusedMultiplyAdd(a3, m, c); a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
                a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c); a8 = Vector256.FusedMultiplyAdd(a8, m, c);
                a9 = Vector256.FusedMultiplyAdd(a9, m, c); a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
            }

            return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }

        [Benchmark]
        public float Vector512Fma()
        {
            Vector512<float> m = Vector512.Create(0.999f), c = Vector512.Create(0.001f);
            Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
            for (int i = 0; i < Steps; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c);
                a3 = Vector512.FusedMultiplyAdd(a3, m, c); a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
                a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c); a8 = Vector512.FusedMultiplyAdd(a8, m, c);
                a9 = Vector512.FusedMultiplyAdd(a9, m, c); a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
            }

            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
    }
}
