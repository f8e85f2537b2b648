using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// The second planning stage: the steps Run takes, in declaration order, and the values they pass. Every declared
    /// layer's output is a value (value 0 is the network input); a renamed, folded or fused layer's value is its input's (a pooled layer's is its
    /// convolution's, which then holds the pooled tensor),
    /// so it costs no memory. Each step reads values and writes one; <see cref="BufferAssignment"/> then gives the values memory.
    /// </summary>
    internal sealed class StepList
    {
        private StepList(List<LayerPlan> steps, List<int[]> reads, List<int> writes, List<int> valueLengths, int finalValue)
        {
            Steps = steps;
            Reads = reads;
            Writes = writes;
            ValueLengths = valueLengths;
            FinalValue = finalValue;
        }

        /// <summary>The steps, in run order (buffers and weights not yet assigned).</summary>
        public IReadOnlyList<LayerPlan> Steps { get; }

        /// <summary>The values each step reads, in order.</summary>
        public IReadOnlyList<IReadOnlyList<int>> Reads { get; }

        /// <summary>The value each step writes.</summary>
        public IReadOnlyList<int> Writes { get; }

        /// <summary>Floats in each value; value 0 is the network input.</summary>
        public IReadOnlyList<int> ValueLengths { get; }

        /// <summary>The network's output value (0 when every layer only renames: the output is the input).</summary>
        public int FinalValue { get; }

        /// <param name="analysis">The analysed network.</param>
        /// <param name="rewrites">What runs as code.</param>
        /// <param name="winograd">Whether eligible convolutions run as Winograd (<see cref="WinogradSelection"/>).</param>
        public static StepList Build(NetworkAnalysis analysis, GraphRewrites rewrites, bool winograd = true)
        {
            IReadOnlyList<LayerAnalysis> layers = analysis.Layers;
            var steps = new List<LayerPlan>();
            var reads = new List<int[]>();
            var writes = new List<int>();
            var valueLengths = new List<int> { (int)analysis.InputShape.Length };
            var valueOf = new int[layers.Count];
            var names = new KernelClassNames();

            var zeros = new Dictionary<int, (string Producer, Activation Activation)>(); // values a ReLU or ReLU6 wrote last (ZeroSkipping)
            void Add(LayerPlan step, int[] sources, int destination)
            {
                steps.Add(step);
                reads.Add(sources);
                writes.Add(destination);
                if (step.FusedPool is null && ZeroSkipping.LeavesZeros(step.Layer.Spec.Activation))
                {
                    zeros[destination] = (step.Declared.Name, step.Layer.Spec.Activation);
                }
            }

            int NewValue(TensorShape shape)
            {
                valueLengths.Add((int)shape.Length);
                return valueLengths.Count - 1;
            }

            foreach (LayerAnalysis layer in layers)
            {
                int[] sources = layer.InputIndices.Select(i => i < 0 ? 0 : valueOf[i]).ToArray();
                if (!rewrites.Computes(layer.Index))
                {
                    valueOf[layer.Index] = sources[0]; // renames its input's value, runs no code
                    continue;
                }

                LayerAnalysis? fold = rewrites.FoldedBatchNorm(layer.Index), fused = rewrites.FusedActivation(layer.Index);
                LayerAnalysis computed = fold is null && fused is null ? layer : WithComputedOptions(layer, fold, fused);
                string method = names.Unique(KernelClassNames.ClassName(layer.Name));
                if (rewrites.Of(layer.Index) == LayerRewrite.Split)
                {
                    (LayerAnalysis depthwise, LayerAnalysis pointwise) = SeparableSplit.Split(computed);
                    string? reason = DepthwiseFusion.Refusal(depthwise, depthwise.Spec.Activation, pointwise);
                    if (reason is null)
                    {
                        // the depthwise part runs band by band inside the pointwise part (DepthwiseFusion): one step, no middle value
                        valueOf[layer.Index] = NewValue(layer.OutputShape);
                        var fusedStep = new LayerPlan(pointwise, layer, method, fold, fused)
                        {
                            FusedDepthwise = new LayerPlan(depthwise, layer, "Depthwise") { BandRows = DepthwiseFusion.BandRows(depthwise) },
                        };
                        Add(fusedStep, sources, valueOf[layer.Index]);
                        continue;
                    }

                    int middle = NewValue(depthwise.OutputShape);
                    Add(new LayerPlan(depthwise, layer, names.Unique(method.Replace("Layer", "DepthwiseLayer"))) { DepthwiseReason = reason }, sources, middle);
                    valueOf[layer.Index] = NewValue(layer.OutputShape);
                    Add(new LayerPlan(pointwise, layer, names.Unique(method.Replace("Layer", "PointwiseLayer")), fold, fused), new[] { middle }, valueOf[layer.Index]);
                    continue;
                }

                LayerAnalysis? pool = rewrites.FusedPool(layer.Index);
                valueOf[layer.Index] = NewValue((pool ?? layer).OutputShape); // with a fused pool, the step writes the pool's output
                var step = new LayerPlan(computed, layer, method, fold, fused, pool) { DepthwiseReason = rewrites.DepthwiseReason(layer.Index) };
                if (rewrites.FusedDepthwise(layer.Index) is LayerAnalysis depthwiseLayer)
                {
                    // its sources are already the depthwise layer's input: the depthwise (and what folds or fuses into it) renames it
                    LayerAnalysis? depthwiseFold = rewrites.FoldedBatchNorm(depthwiseLayer.Index), depthwiseFused = rewrites.FusedActivation(depthwiseLayer.Index);
                    LayerAnalysis depthwiseComputed = depthwiseFold is null && depthwiseFused is null ? depthwiseLayer : WithComputedOptions(depthwiseLayer, depthwiseFold, depthwiseFused);
                    step.FusedDepthwise = new LayerPlan(depthwiseComputed, depthwiseLayer, "Depthwise", depthwiseFold, depthwiseFused) { BandRows = DepthwiseFusion.BandRows(depthwiseComputed) };
                }

                if (step.FusedDepthwise is LayerPlan inside)
                {
                    step.ZeroSkipReason = ZeroSkipping.Decide(computed, inside.Declared.Name, inside.Layer.Spec.Activation);
                }
                else if (pool is null && zeros.TryGetValue(sources[0], out (string Producer, Activation Activation) zero))
                {
                    step.ZeroSkipReason = ZeroSkipping.Decide(computed, zero.Producer, zero.Activation);
                }

                if (computed.Spec.Kind == LayerKind.Conv2D)
                {
                    // A step with a fused pool gets 0 here too: PoolFusion fused it because the same rule keeps it direct.
                    (step.WinogradTile, step.AlgorithmReason) = winograd ? WinogradSelection.Decide(computed) : (0, "the network sets Winograd = false");
                    if (winograd && step.WinogradTile == 0 && WinogradSelection.DecideNarrow(computed, pool) is (true, string why))
                    {
                        step.NarrowWinograd = true;
                        step.AlgorithmReason = why;
                    }
                }

                Add(step, sources, valueOf[layer.Index]);
            }

            return new StepList(steps, reads, writes, valueLengths, layers.Count == 0 ? 0 : valueOf[layers.Count - 1]);
        }

        /// <summary>The layer as its step computes it: with a bias for the folded shift, and the fused activation.</summary>
        private static LayerAnalysis WithComputedOptions(LayerAnalysis layer, LayerAnalysis? fold, LayerAnalysis? fused)
        {
            LayerSpec spec = layer.Spec with
            {
                UseBias = layer.Spec.UseBias || fold is not null,
                Activation = fused?.Spec.Activation ?? layer.Spec.Activation,
                NegativeSlope = fused?.Spec.NegativeSlope ?? layer.Spec.NegativeSlope,
                Alpha = fused?.Spec.Alpha ?? layer.Spec.Alpha,
            };
            return new LayerAnalysis(layer.Index, layer.Name, spec, layer.InputShape, layer.OutputShape, layer.Parameters.ToArray(), layer.MultiplyAdds,
                layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight, layer.InputIndices.ToArray(), layer.InputShapes.ToArray());
        }
    }
}
