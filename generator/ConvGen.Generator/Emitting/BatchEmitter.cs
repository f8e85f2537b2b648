using ConvGen.Generator.Model;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The batch overload of Run: [N, H, W, C] in, [N, ...] out, images spread over cores by
    /// <c>ConvGen.BatchRunner</c>, one network instance (own scratch, shared packed weights) per worker.
    /// Memory rather than Span parameters: worker threads cannot see a caller's Span.
    /// </summary>
    internal static class BatchEmitter
    {
        public static void Emit(CodeWriter w, NetworkModel model, ExecutionPlan plan)
        {
            w.Line("private global::ConvGen.BatchRunner? _batchRunner;");
            w.Line();
            w.Line("/// <summary>A worker's instance: shares the packed weights, owns its scratch.</summary>");
            using (w.Block($"private {model.ClassName}(float[] packedWeights)"))
            {
                w.Line("_weights = packedWeights;");
                if (plan.PackedLength > 0)
                {
                    w.Line("_weightsStart = global::ConvGen.Kernels.WeightPacking.AlignedStart(packedWeights);");
                }

                if (plan.SkipsZeros)
                {
                    w.Line("_weightsFinite = global::ConvGen.Kernels.WeightPacking.AllFinite(packedWeights);");
                }

                w.Line(plan.ScratchLength == 0 ? "_scratch = Array.Empty<float>();" : "_scratch = new float[ScratchLength];");
            }

            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Runs a batch: <paramref name=\"input\"/> holds <paramref name=\"batchSize\"/> images of <see cref=\"InputLength\"/> floats");
            w.Line("/// (NHWC, [N, H, W, C]); <paramref name=\"output\"/> receives <paramref name=\"batchSize\"/> outputs of <see cref=\"OutputLength\"/> floats.");
            w.Line("/// Images are spread over up to <paramref name=\"maxDegreeOfParallelism\"/> threads, the caller's included (0 or less:");
            w.Line("/// one per processor; never more than the processor count), each with its own scratch; the results equal running");
            w.Line("/// the images one by one. The calling thread can finish the batch alone: it never waits for a thread-pool thread");
            w.Line("/// that has not started. The instance keeps up to one extra instance's scratch per helper thread for later calls;");
            w.Line("/// after the first call with a given degree, calls allocate nothing. One call at a time per instance, as for the");
            w.Line("/// single-image Run.");
            w.Line("/// </summary>");
            w.Line("/// <exception cref=\"ArgumentException\">A buffer has the wrong length, or the output overlaps the input.</exception>");
            w.Line("/// <exception cref=\"InvalidOperationException\">Another thread is running this instance (use one instance per thread).</exception>");
            w.Line("/// <exception cref=\"ArgumentOutOfRangeException\"><paramref name=\"batchSize\"/> is negative.</exception>");
            using (w.Block("public void Run(ReadOnlyMemory<float> input, Memory<float> output, int batchSize, int maxDegreeOfParallelism = 0)"))
            {
                using (w.Block("if (batchSize < 0)"))
                {
                    w.Line("throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, \"The batch size must not be negative.\");");
                }

                using (w.Block("if (input.Length != (long)batchSize * InputLength)"))
                {
                    w.Line($"throw new ArgumentException($\"Expected {{(long)batchSize * InputLength}} floats for the input [{{batchSize}}, {I(plan.Analysis.InputShape.Height)}, {I(plan.Analysis.InputShape.Width)}, {I(plan.Analysis.InputShape.Channels)}] but got {{input.Length}}.\", nameof(input));");
                }

                using (w.Block("if (output.Length != (long)batchSize * OutputLength)"))
                {
                    w.Line($"throw new ArgumentException($\"Expected {{(long)batchSize * OutputLength}} floats for the output of {{batchSize}} x {plan.Analysis.OutputShape} but got {{output.Length}}.\", nameof(output));");
                }

                using (w.Block("if (input.Span.Overlaps(output.Span))"))
                {
                    w.Line("global::ConvGen.RunGuard.ThrowOverlap(GetType().Name);");
                }

                w.Line();
                w.Line("// Created once; CompareExchange so that two racing threads share one runner, whose guard then reports the misuse.");
                w.Line("global::ConvGen.BatchRunner runner = _batchRunner");
                w.Line("    ?? global::System.Threading.Interlocked.CompareExchange(ref _batchRunner, new global::ConvGen.BatchRunner(this, () => new " + model.ClassName + "(_weights)), null)");
                w.Line("    ?? _batchRunner;");
                w.Line("runner.Run(input, output, batchSize, maxDegreeOfParallelism);");
            }

            w.Line();
        }
    }
}
