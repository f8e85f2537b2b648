using System;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;
using BenchmarkDotNet.Reports;

namespace ConvGen.Benchmarks
{
    /// <summary>Turns the BenchmarkDotNet summaries into the tables of docs/benchmarks.md (medians, ratios, GFLOP/s, % of peak).</summary>
    public static class ResultTable
    {
        public static string Format(Summary peak, Summary nets, Summary batch)
        {
            var text = new StringBuilder();
            var inv = CultureInfo.InvariantCulture;
            text.AppendLine(OrtLibrary.Description + "; .NET: " + System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated switch
            {
                true => "Vector512 accelerated.",
                false => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256, not Vector512." : "Vector128 only.",
            });
            text.AppendLine();
            text.AppendLine("### FMA peak, one core");
            text.AppendLine();
            text.AppendLine("| Width | Accelerated | Median | GFLOP/s |");
            text.AppendLine("|---|---|---:|---:|");
            double best = 0;
            foreach ((string method, int lanes, bool accelerated) in new[]
            {
                ("Vector128Fma", 4, Vector128.IsHardwareAccelerated), ("Vector256Fma", 8, Vector256.IsHardwareAccelerated), ("Vector512Fma", 16, Vector512.IsHardwareAccelerated),
            })
            {
                BenchmarkReport? r = Find(peak, method, null);
                if (r?.ResultStatistics is null)
                {
                    continue;
                }

                double gflops = FmaPeakBenchmarks.Flops(lanes) / r.ResultStatistics.Median;
                if (accelerated)
                {
                    best = Math.Max(best, gflops);
                }

                text.AppendLine(string.Format(inv, "| {0} | {1} | {2} | {3:F1} |", method.Replace("Fma", string.Empty), accelerated ? "yes" : "no", Time(r.ResultStatistics.Median), gflops));
            }

            text.AppendLine();
            text.AppendLine(string.Format(inv, "Peak used for \"% of peak\": {0:F1} GFLOP/s (widest accelerated width).", best));
            text.AppendLine();
            foreach (string net in Contenders.Names)
            {
                using Contenders c = Contenders.Create(net);
                BenchmarkReport? g = Find(nets, "Generated", net), o = Find(nets, "OnnxRuntime", net), i = Find(nets, "Interpreter", net);
                if (g?.ResultStatistics is null || o?.ResultStatistics is null || i?.ResultStatistics is null)
                {
                    continue;
                }

                double gm = g.ResultStatistics.Median, om = o.ResultStatistics.Median, im = i.ResultStatistics.Median;
                text.AppendLine(string.Format(inv, "### {0} ({1:F2} MFLOP per inference)", net, c.Flops / 1e6));
                text.AppendLine();
                text.AppendLine("| Contender | Median | vs ConvGen | GFLOP/s | % of peak | Allocated/op |");
                text.AppendLine("|---|---:|---:|---:|---:|---:|");
                foreach ((string who, BenchmarkReport r, double median) in new[] { ("ConvGen", g, gm), ("ONNX Runtime", o, om), ("Interpreter", i, im) })
                {
                    double gflops = c.Flops / median;
                    text.AppendLine(string.Format(inv, "| {0} | {1} | {2:F2}x | {3:F1} | {4:F0}% | {5} |",
                        who, Time(median), median / gm, gflops, 100 * gflops / best, Bytes(r)));
                }

                text.AppendLine();
                text.AppendLine(string.Format(inv, "ConvGen/ORT median ratio: **{0:F2}**; interpreter/ConvGen: **{1:F0}x**.", gm / om, im / gm));
                text.AppendLine();
            }

            BenchmarkReport? one = batch.Reports.FirstOrDefault(r => Equals(r.BenchmarkCase.Parameters["Threads"], 1));
            BenchmarkReport? two = batch.Reports.FirstOrDefault(r => Equals(r.BenchmarkCase.Parameters["Threads"], 2));
            if (one?.ResultStatistics is not null && two?.ResultStatistics is not null)
            {
                text.AppendLine($"### N3, batch of {BatchBenchmarks.BatchSize}");
                text.AppendLine();
                text.AppendLine("| Threads | Median | Per image | Allocated/op |");
                text.AppendLine("|---:|---:|---:|---:|");
                foreach (BenchmarkReport r in new[] { one, two })
                {
                    text.AppendLine(string.Format(inv, "| {0} | {1} | {2} | {3} |", r.BenchmarkCase.Parameters["Threads"], Time(r.ResultStatistics!.Median),
                        Time(r.ResultStatistics.Median / BatchBenchmarks.BatchSize), Bytes(r)));
                }

                text.AppendLine();
                text.AppendLine(string.Format(inv, "2-thread speed-up: **{0:F2}x**.", one.ResultStatistics.Median / two.ResultStatistics.Median));
            }

            return text.ToString();
        }

        private static BenchmarkReport? Find(Summary summary, string method, string? net) => summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && (net is null || Equals(r.BenchmarkCase.Parameters["Net"], net)));

        private static string Time(double nanoseconds) => nanoseconds >= 1e6
            ? (nanoseconds / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms"
            : (nanoseconds / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " us";

        private static string Bytes(BenchmarkReport r)
        {
            long? bytes = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);
            return bytes is null ? "?" : bytes.Value.ToString(CultureInfo.InvariantCulture) + " B";
        }
    }
}
