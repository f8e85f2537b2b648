using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ConvGen.Benchmarks
{
    /// <summary>
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks            all benchmarks + the summary table (docs/benchmarks.md)
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --verify  only check that ConvGen, ORT and the interpreter agree
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --quick   rough Stopwatch medians while developing (not for reports)
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --winograd  one 3x3 layer: the generated direct kernel vs Winograd F(2x2) and F(4x4)
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --narrow    a first layer on 1-3 channels (+ 2x2 max pool): the generated direct kernel vs NarrowWinogradConvolution
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --training  only the training benchmark (LeNet-5 TrainStep, batch 64; peer: pytorch/train_lenet5.py)
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --net N4    only ConvGen and ORT on the named nets (comma-separated), BenchmarkDotNet
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --strassen  an experiment: one level of Strassen against the generated 1x1 kernel on a band of 112 pixels
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --fast-inner-product  an experiment: Winograd's fast inner product against the same kernel
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --skip-zeros  N4 and S5 with their 1x1 layers skipping zero inputs and with skipping turned off
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --zero-fractions  N4's 1x1 layer behind a ReLU, skipping and multiplying, at 0-70% zero inputs
    /// dotnet run -c Release --project tests/ConvGen.Benchmarks -- --survey [S1,S4]  ConvGen and ORT on the survey's blocks S1-S12 (SurveyNets.cs), or the named ones
    /// CONVGEN_ORT_LIBRARY=path ...     ONNX Runtime from that libonnxruntime.so (ort-avx2/make_avx2_ort.py writes one whose MLAS stops at AVX2)
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            OrtLibrary.UseFromEnvironment();
            if (args.Contains("--verify"))
            {
                return Verify();
            }

            if (args.Contains("--quick"))
            {
                return Quick(args.Contains("--interpreter"));
            }

            if (args.Contains("--training"))
            {
                Summary training = BenchmarkRunner.Run<TrainingBenchmarks>(Config());
                Console.WriteLine(TrainingTable(training));
                return 0;
            }

            if (args.Contains("--strassen"))
            {
                BenchmarkRunner.Run<Experiments.StrassenBenchmarks>(Config());
                return 0;
            }

            if (args.Contains("--zero-fractions"))
            {
                BenchmarkRunner.Run<ZeroFractionBenchmarks>(Config());
                return 0;
            }

            if (args.Contains("--skip-zeros"))
            {
                BenchmarkRunner.Run<ZeroSkippingBenchmarks>(Config());
                return 0;
            }

            if (args.Contains("--fast-inner-product"))
            {
                BenchmarkRunner.Run<Experiments.FastInnerProductBenchmarks>(Config());
                return 0;
            }

            int survey = Array.IndexOf(args, "--survey");
            if (survey >= 0)
            {
                string[] names = survey + 1 < args.Length && !args[survey + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[survey + 1].Split(',') : Contenders.SurveyNames;
                IConfig only = Config().AddFilter(new SimpleFilter(b => b.Parameters["Net"] is string n && names.Contains(n)));
                PrintRatios(BenchmarkRunner.Run<SurveyBenchmarks>(only), names);
                return 0;
            }

            int net = Array.IndexOf(args, "--net");
            if (net >= 0 && net + 1 < args.Length)
            {
                string[] names = args[net + 1].Split(',');
                IConfig only = Config().AddFilter(new SimpleFilter(b =>
                    b.Descriptor.WorkloadMethod.Name != nameof(NetworkBenchmarks.Interpreter) && b.Parameters["Net"] is string n && names.Contains(n)));
                PrintRatios(BenchmarkRunner.Run<NetworkBenchmarks>(only), names);
                return 0;
            }

            if (args.Contains("--winograd"))
            {
                BenchmarkRunner.Run<WinogradBenchmarks>(Config());
                return 0;
            }

            if (args.Contains("--narrow"))
            {
                Summary narrow = BenchmarkRunner.Run<NarrowWinogradBenchmarks>(Config());
                Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}");
                foreach (string layer in narrow.Reports.Select(r => (string)r.BenchmarkCase.Parameters["Layer"]).Distinct())
                {
                    double Median(string method) => narrow.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                        && (string)r.BenchmarkCase.Parameters["Layer"] == layer)?.ResultStatistics?.Median / 1e3 ?? double.NaN;
                    double direct = Median(nameof(NarrowWinogradBenchmarks.Direct)), winograd = Median(nameof(NarrowWinogradBenchmarks.Narrow));
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: Direct {1:F1} us, Narrow {2:F1} us (medians), Narrow/Direct {3:F2}", layer, direct, winograd, winograd / direct));
                }

                return 0;
            }

            if (Verify() != 0)
            {
                return 1;
            }

            IConfig config = Config();
            Summary peak = BenchmarkRunner.Run<FmaPeakBenchmarks>(config);
            Summary nets = BenchmarkRunner.Run<NetworkBenchmarks>(config);
            Summary batch = BenchmarkRunner.Run<BatchBenchmarks>(config);
            string table = ResultTable.Format(peak, nets, batch);
            Console.WriteLine(table);
            string path = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "convgen-summary.md");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, table);
            Console.WriteLine($"(written to {path})");
            return 0;
        }

        /// <summary>ConvGen's and ORT's medians per net, and their ratio.</summary>
        private static void PrintRatios(Summary summary, string[] names)
        {
            foreach (string name in names)
            {
                double Median(string method) => summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                    && (string)r.BenchmarkCase.Parameters["Net"] == name)?.ResultStatistics?.Median / 1e3 ?? double.NaN;
                double generated = Median(nameof(NetworkBenchmarks.Generated)), ort = Median(nameof(NetworkBenchmarks.OnnxRuntime));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: ConvGen {1:F1} us, ORT {2:F1} us (medians), ConvGen/ORT {3:F2}", name, generated, ort, generated / ort));
            }
        }

        /// <summary>Images per second and GFLOP/s of each TrainStep measurement.</summary>
        private static string TrainingTable(Summary summary)
        {
            var lines = new List<string> { "| threads | TrainStep (batch 64) | images/s | GFLOP/s |", "|---|---|---|---|" };
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is not { } stats)
                {
                    continue;
                }

                double seconds = stats.Median / 1e9;
                object threads = report.BenchmarkCase.Parameters["Threads"];
                lines.Add(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:F0} us | {2:N0} | {3:F1} |",
                    threads, seconds * 1e6, TrainingBenchmarks.BatchSize / seconds, TrainingBenchmarks.StepFlops / seconds / 1e9));
            }

            return string.Join(Environment.NewLine, lines);
        }

        /// <summary>Short, in-process jobs: the machine is shared, so ratios from one run matter more than absolute times.</summary>
        public static IConfig Config() => DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(4)
                .WithIterationCount(12)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
                .WithId("Short"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .HideColumns(Column.Error, Column.StdDev);

        private static int Verify()
        {
            Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, Vector128: {Vector128.IsHardwareAccelerated}");
            int failures = 0;
            foreach (string name in Contenders.Names)
            {
                try
                {
                    using Contenders contenders = Contenders.Create(name);
                    double worst = contenders.Verify();
                    float[] output = contenders.InterpreterOutput;
                    float min = output.Min(), max = output.Max();
                    double inside = output.Count(v => v > min && v < max) / (double)output.Length; // not all clipped or saturated
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "{0}: ConvGen, ONNX Runtime and the interpreter agree (largest difference {1:E2}, {2} outputs in [{3:G4}, {4:G4}], {5:P0} strictly inside).",
                        name, worst, output.Length, min, max, inside));
                }

                catch (Exception ex)
                {
                    failures++;
                    Console.WriteLine($"{name}: FAILED: {ex.Message}");
                }
            }

            try
            {
                var batch = new BatchBenchmarks { Threads = 2 };
                batch.Setup(); // checks every batch output against a single-image run
                Console.WriteLine("N3 batch of 64 on 2 threads equals 64 single runs.");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"Batch: FAILED: {ex.Message}");
            }

            // Bounded unrolling: no generated method may reach the JIT's MinOpts threshold (60,000 IL bytes).
            (string method, int size) = typeof(Program).Assembly.GetTypes()
                .Where(t => t.Namespace == typeof(Nets.N1Primer).Namespace)
                .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                    .Select(m => (Name: t.Name + "." + m.Name, Size: m.GetMethodBody()?.GetILAsByteArray()?.Length ?? 0)))
                .MaxBy(m => m.Size);
            Console.WriteLine($"Largest generated method: {method}, {size} IL bytes.");
            if (size > 60_000)
            {
                failures++;
                Console.WriteLine("FAILED: a generated method exceeds 60,000 IL bytes.");
            }

            Console.WriteLine(failures == 0 ? "verify: OK" : $"verify: {failures} FAILED");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>Stopwatch medians for a fast edit-measure loop; the reported numbers come from BenchmarkDotNet.</summary>
        private static int Quick(bool interpreter)
        {
            foreach (string name in Contenders.Names)
            {
                using Contenders c = Contenders.Create(name);
                c.Verify();
                MedianMicroseconds(c.RunGenerated); // let tiered compilation settle (OSR, tier-1 with PGO)
                MedianMicroseconds(c.RunOrt);
                double generated = MedianMicroseconds(c.RunGenerated), ort = MedianMicroseconds(c.RunOrt);
                string interp = interpreter ? string.Format(CultureInfo.InvariantCulture, ", interpreter {0:F1} us", MedianMicroseconds(c.RunInterpreter)) : string.Empty;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0}: ConvGen {1:F1} us ({2:F1} GFLOP/s), ORT {3:F1} us ({4:F1} GFLOP/s), ratio {5:F2}{6}",
                    name, generated, c.Flops / generated / 1e3, ort, c.Flops / ort / 1e3, generated / ort, interp));
            }

            var one = new BatchBenchmarks { Threads = 1 };
            var two = new BatchBenchmarks { Threads = 2 };
            one.Setup();
            two.Setup();
            double t1 = double.MaxValue, t2 = double.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                t1 = Math.Min(t1, MedianMicroseconds(one.N3Batch64));
                t2 = Math.Min(t2, MedianMicroseconds(two.N3Batch64));
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "N3 batch {0}: 1 thread {1:F0} us, 2 threads {2:F0} us, speed-up {3:F2}x", BatchBenchmarks.BatchSize, t1, t2, t1 / t2));

            // Control: what this machine gives two threads of pure, independent FMA work (other processes share the cores).
            var fma = new FmaPeakBenchmarks();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 400; i++)
            {
                fma.Vector512Fma();
            }

            double serial = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var helper = new System.Threading.Thread(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    fma.Vector512Fma();
                }
            });
            helper.Start();
            for (int i = 0; i < 200; i++)
            {
                fma.Vector512Fma();
            }

            helper.Join();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Control, independent FMA loops: 2-thread speed-up {0:F2}x", serial / watch.Elapsed.TotalMilliseconds));
            return 0;
        }

        private static double MedianMicroseconds(Action action)
        {
            for (int i = 0; i < 50; i++)
            {
                action();
            }

            var samples = new List<double>();
            var watch = new Stopwatch();
            for (int s = 0; s < 31; s++)
            {
                int reps = 0;
                watch.Restart();
                while (watch.Elapsed.TotalMilliseconds < 20)
                {
                    action();
                    reps++;
                }

                samples.Add(watch.Elapsed.TotalMilliseconds * 1e3 / reps);
            }

            samples.Sort();
            return samples[samples.Count / 2];
        }
    }
}
