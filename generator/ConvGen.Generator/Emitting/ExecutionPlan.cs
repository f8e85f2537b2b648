using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// How a network runs. Steps follow the declaration order. Each layer output is a value in a buffer: the network input
    /// is the caller's span, the final value goes straight into the caller's output, the rest live in slots of one scratch
    /// array, reused as soon as their last reader has run (liveness over the step order; a step never writes a slot it reads).
    /// Flatten, Dropout, a folded BatchNormalization and a fused Activation only rename their input's value and run no code.
    /// Also lays out the packed weights (kernel rows zero-padded to whole vectors so every load is a full vector).
    /// </summary>
    internal sealed class ExecutionPlan
    {
        /// <summary>Packed kernel rows and biases are padded to this many floats (one Vector512), so every vector width reads whole vectors.</summary>
        public const int VectorLength = VectorWidth.PaddingLanes;

        private ExecutionPlan(NetworkAnalysis analysis, List<LayerPlan> layers, int[] slotOffsets, int[] slotLengths, int scratchLength, int packedLength, bool copyInput)
        {
            Analysis = analysis;
            Layers = layers;
            SlotOffsets = slotOffsets;
            SlotLengths = slotLengths;
            ScratchLength = scratchLength;
            PackedLength = packedLength;
            CopiesInputToOutput = copyInput;
        }

        public NetworkAnalysis Analysis { get; }

        /// <summary>The steps, in run order.</summary>
        public IReadOnlyList<LayerPlan> Layers { get; }

        /// <summary>Offset of each scratch slot in the scratch array.</summary>
        public IReadOnlyList<int> SlotOffsets { get; }

        /// <summary>Floats in each scratch slot (the largest value it ever holds).</summary>
        public IReadOnlyList<int> SlotLengths { get; }

        /// <summary>Floats of scratch the constructor allocates: the sum of the slot lengths.</summary>
        public int ScratchLength { get; }

        /// <summary>Floats of packed weights the constructor allocates.</summary>
        public int PackedLength { get; }

        /// <summary>True when the network's output is its input unchanged (only renaming layers): Run copies it.</summary>
        public bool CopiesInputToOutput { get; }

        /// <summary>conv2d_1 -> Conv2d1Layer.</summary>
        public static string ClassName(string layerName)
        {
            var sb = new System.Text.StringBuilder();
            bool upper = true;
            foreach (char c in layerName)
            {
                if (c == '_')
                {
                    upper = true;
                    continue;
                }

                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            return sb.Append("Layer").ToString();
        }

        public static int RoundUp(int value) => (value + VectorLength - 1) / VectorLength * VectorLength;

        /// <summary>True for the layers a directly following BatchNormalization can be folded into (<see cref="LayerKindInfo.CanFoldBatchNorm"/>).</summary>
        public static bool CanFoldBatchNorm(LayerKind kind) => LayerKinds.For(kind)?.CanFoldBatchNorm ?? false;

        public static ExecutionPlan Create(NetworkAnalysis analysis)
        {
            IReadOnlyList<LayerAnalysis> layers = analysis.Layers;
            int[] readers = Readers(layers);
            LayerAnalysis?[] foldInto = FindFolds(layers, readers);
            LayerAnalysis?[] fuseInto = FindFusedActivations(layers, readers, foldInto);
            var absorbed = new HashSet<LayerAnalysis>(foldInto.Concat(fuseInto).Where(l => l is not null)!);
            var steps = new List<LayerPlan>();
            var stepSources = new List<int[]>();
            var stepValue = new List<int>();
            var valueLength = new List<int> { (int)analysis.InputShape.Length }; // value 0: the network input
            var valueOf = new int[layers.Count];
            var methods = new HashSet<string>();

            foreach (LayerAnalysis layer in layers)
            {
                int[] sources = layer.InputIndices.Select(i => i < 0 ? 0 : valueOf[i]).ToArray();
                LayerKind kind = layer.Spec.Kind;
                if (LayerKinds.For(kind)?.OnlyRenamesInput == true || absorbed.Contains(layer))
                {
                    valueOf[layer.Index] = sources[0]; // renames its input's value, runs no code
                    continue;
                }

                LayerAnalysis? fold = foldInto[layer.Index], fused = fuseInto[layer.Index];
                LayerAnalysis computed = fold is null && fused is null ? layer : Derive(layer, layer.Spec with
                {
                    UseBias = layer.Spec.UseBias || fold is not null, // the folded shift needs a bias
                    Activation = fused?.Spec.Activation ?? layer.Spec.Activation,
                    NegativeSlope = fused?.Spec.NegativeSlope ?? layer.Spec.NegativeSlope,
                    Alpha = fused?.Spec.Alpha ?? layer.Spec.Alpha,
                }, layer.InputShape, layer.OutputShape, layer.Name);
                string method = UniqueName(methods, ClassName(layer.Name));
                if (kind == LayerKind.SeparableConv2D)
                {
                    (LayerAnalysis depthwise, LayerAnalysis pointwise) = SplitSeparable(computed);
                    int middle = NewValue(valueLength, depthwise.OutputShape);
                    AddStep(steps, stepSources, stepValue, Depthwise(depthwise, layer, UniqueName(methods, method.Replace("Layer", "DepthwiseLayer"))), sources, middle);
                    var pointwisePlan = new LayerPlan(pointwise, layer, UniqueName(methods, method.Replace("Layer", "PointwiseLayer")))
                    {
                        Packing = KernelPacking.Rows,
                        Kernel = layer.Parameters[1],
                        Bias = layer.Spec.UseBias ? layer.Parameters[2] : null,
                        FoldedBatchNorm = fold,
                        FusedActivation = fused,
                    };
                    valueOf[layer.Index] = NewValue(valueLength, layer.OutputShape);
                    AddStep(steps, stepSources, stepValue, pointwisePlan, new[] { middle }, valueOf[layer.Index]);
                    continue;
                }

                LayerPlan plan = kind == LayerKind.DepthwiseConv2D ? Depthwise(computed, layer, method) : new LayerPlan(computed, layer, method);
                plan.FoldedBatchNorm = fold;
                plan.FusedActivation = fused;
                plan.Packing = kind switch
                {
                    LayerKind.Conv2D => layer.Spec.Groups > 1 ? KernelPacking.Groups : KernelPacking.Rows,
                    LayerKind.Dense => KernelPacking.Rows,
                    LayerKind.DepthwiseConv2D => KernelPacking.Depthwise,
                    LayerKind.Conv2DTranspose => KernelPacking.Transposed,
                    LayerKind.BatchNormalization => KernelPacking.BatchNorm,
                    _ => KernelPacking.None,
                };
                if (plan.Packing != KernelPacking.None && plan.Packing != KernelPacking.Depthwise)
                {
                    plan.Kernel = layer.Parameters[0];
                    plan.Bias = layer.Spec.UseBias && plan.Packing != KernelPacking.BatchNorm ? layer.Parameters[1] : null;
                }

                valueOf[layer.Index] = NewValue(valueLength, layer.OutputShape);
                AddStep(steps, stepSources, stepValue, plan, sources, valueOf[layer.Index]);
            }

            int final = layers.Count == 0 ? 0 : valueOf[layers.Count - 1];
            AssignBuffers(steps, stepSources, stepValue, valueLength, final, out int[] offsets, out int[] lengths, out int scratch);
            int packed = LayOutWeights(steps);
            return new ExecutionPlan(analysis, steps, offsets, lengths, scratch, packed, final == 0);
        }

        /// <summary>How many layers read each layer's output.</summary>
        private static int[] Readers(IReadOnlyList<LayerAnalysis> layers)
        {
            var readers = new int[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                foreach (int input in layer.InputIndices)
                {
                    if (input >= 0)
                    {
                        readers[input]++;
                    }
                }
            }

            return readers;
        }

        /// <summary>
        /// A BatchNormalization folds into the layer it reads when that layer is a convolution or Dense with a linear
        /// activation whose output nothing else reads (the unnormalized value must not be needed anywhere).
        /// </summary>
        private static LayerAnalysis?[] FindFolds(IReadOnlyList<LayerAnalysis> layers, int[] readers)
        {
            var foldInto = new LayerAnalysis?[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                int producer = layer.InputIndices[0];
                if (layer.Spec.Kind == LayerKind.BatchNormalization && producer >= 0 && readers[producer] == 1
                    && CanFoldBatchNorm(layers[producer].Spec.Kind) && layers[producer].Spec.Activation == Activation.Linear)
                {
                    foldInto[producer] = layer;
                }
            }

            return foldInto;
        }

        /// <summary>
        /// An Activation layer runs inside the convolution or Dense it reads (directly, or through a folded BatchNormalization)
        /// when that layer's own activation is linear and nothing else reads the value in between: conv + BN + ReLU6 is one step.
        /// </summary>
        private static LayerAnalysis?[] FindFusedActivations(IReadOnlyList<LayerAnalysis> layers, int[] readers, LayerAnalysis?[] foldInto)
        {
            var fuseInto = new LayerAnalysis?[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                int producer = layer.InputIndices[0];
                if (layer.Spec.Kind != LayerKind.Activation || producer < 0 || readers[producer] != 1)
                {
                    continue;
                }

                LayerAnalysis source = layers[producer];
                if (source.Spec.Kind == LayerKind.BatchNormalization && source.InputIndices[0] >= 0 && foldInto[source.InputIndices[0]] == source)
                {
                    source = layers[source.InputIndices[0]];
                }

                if (CanFoldBatchNorm(source.Spec.Kind) && source.Spec.Activation == Activation.Linear && fuseInto[source.Index] is null)
                {
                    fuseInto[source.Index] = layer;
                }
            }

            return fuseInto;
        }

        private static LayerAnalysis Derive(LayerAnalysis layer, LayerSpec spec, TensorShape input, TensorShape output, string name) =>
            new LayerAnalysis(layer.Index, name, spec, input, output, layer.Parameters.ToArray(), layer.MultiplyAdds,
                layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight, layer.InputIndices.ToArray(), layer.InputShapes.ToArray());

        /// <summary>SeparableConv2D = DepthwiseConv2D (stride, padding, dilation; no bias, linear) then a 1x1 Conv2D with the bias and activation.</summary>
        private static (LayerAnalysis Depthwise, LayerAnalysis Pointwise) SplitSeparable(LayerAnalysis layer)
        {
            LayerSpec s = layer.Spec;
            var middle = new TensorShape(layer.OutputShape.Height, layer.OutputShape.Width, layer.InputShape.Channels * s.DepthMultiplier);
            LayerSpec depthwiseSpec = LayerSpec.DepthwiseConv2D(s.KernelHeight, s.KernelWidth, s.DepthMultiplier, s.StrideHeight, s.StrideWidth,
                s.Padding, s.DilationHeight, s.DilationWidth, useBias: false);
            LayerSpec pointwiseSpec = LayerSpec.Conv2D(s.Units, 1, 1, useBias: s.UseBias, activation: s.Activation, negativeSlope: s.ActivationCoefficient);
            var depthwise = new LayerAnalysis(layer.Index, layer.Name + " (depthwise part)", depthwiseSpec, layer.InputShape, middle,
                new[] { layer.Parameters[0] }, (long)middle.Length * s.KernelHeight * s.KernelWidth,
                layer.PadTop, layer.PadBottom, layer.PadLeft, layer.PadRight, layer.InputIndices.ToArray(), layer.InputShapes.ToArray());
            var pointwise = new LayerAnalysis(layer.Index, layer.Name + " (pointwise part)", pointwiseSpec, middle, layer.OutputShape,
                layer.Parameters.Skip(1).ToArray(), (long)middle.Length * s.Units, 0, 0, 0, 0);
            return (depthwise, pointwise);
        }

        private static LayerPlan Depthwise(LayerAnalysis layer, LayerAnalysis declared, string method) => new LayerPlan(layer, declared, method)
        {
            Packing = KernelPacking.Depthwise,
            Kernel = declared.Parameters[0],
            Bias = declared.Spec.Kind == LayerKind.DepthwiseConv2D && declared.Spec.UseBias ? declared.Parameters[1] : null,
        };

        private static string UniqueName(HashSet<string> used, string name)
        {
            string candidate = name;
            for (int n = 2; !used.Add(candidate); n++)
            {
                candidate = name.Substring(0, name.Length - "Layer".Length) + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Layer";
            }

            return candidate;
        }

        private static int NewValue(List<int> lengths, TensorShape shape)
        {
            lengths.Add((int)shape.Length);
            return lengths.Count - 1;
        }

        private static void AddStep(List<LayerPlan> steps, List<int[]> sources, List<int> values, LayerPlan plan, int[] reads, int writes)
        {
            steps.Add(plan);
            sources.Add(reads);
            values.Add(writes);
        }

        /// <summary>
        /// Liveness over the step order: a value takes a free slot when written and frees it after its last reader.
        /// A free slot that is already large enough is preferred (the smallest such), else the largest free slot grows,
        /// else a new slot opens. The final value goes to the caller's output, the network input stays in the caller's input.
        /// </summary>
        private static void AssignBuffers(List<LayerPlan> steps, List<int[]> stepSources, List<int> stepValue, List<int> valueLength, int final,
            out int[] offsets, out int[] lengths, out int scratch)
        {
            var lastRead = Enumerable.Repeat(-1, valueLength.Count).ToArray();
            for (int s = 0; s < steps.Count; s++)
            {
                foreach (int v in stepSources[s])
                {
                    lastRead[v] = s;
                }
            }

            var buffers = new BufferRef[valueLength.Count];
            buffers[0] = BufferRef.Input;
            var slotLengths = new List<int>();
            var free = new List<int>();
            for (int s = 0; s < steps.Count; s++)
            {
                int value = stepValue[s];
                if (value == final)
                {
                    buffers[value] = BufferRef.Output;
                }
                else
                {
                    int slot = TakeSlot(free, slotLengths, valueLength[value]);
                    buffers[value] = BufferRef.Scratch(slot);
                    if (lastRead[value] < 0)
                    {
                        free.Add(slot); // never read: its slot is free again at once
                    }
                }

                steps[s].Sources = stepSources[s].Select(v => buffers[v]).ToArray();
                steps[s].Destination = buffers[value];
                foreach (int v in stepSources[s].Distinct())
                {
                    if (lastRead[v] == s && buffers[v].IsScratch)
                    {
                        free.Add(buffers[v].Slot);
                    }
                }
            }

            lengths = slotLengths.ToArray();
            offsets = new int[lengths.Length];
            scratch = 0;
            for (int i = 0; i < lengths.Length; i++)
            {
                offsets[i] = scratch;
                scratch += lengths[i];
            }
        }

        private static int TakeSlot(List<int> free, List<int> slotLengths, int length)
        {
            int best = -1;
            foreach (int slot in free)
            {
                if (slotLengths[slot] >= length && (best < 0 || slotLengths[slot] < slotLengths[best]))
                {
                    best = slot; // the smallest free slot that is large enough
                }
            }

            if (best < 0)
            {
                foreach (int slot in free)
                {
                    if (best < 0 || slotLengths[slot] > slotLengths[best])
                    {
                        best = slot; // else the largest, grown
                    }
                }
            }

            if (best < 0)
            {
                slotLengths.Add(length);
                return slotLengths.Count - 1;
            }

            free.Remove(best);
            slotLengths[best] = System.Math.Max(slotLengths[best], length);
            return best;
        }

        /// <summary>Packed weight offsets: kernels first re-laid per <see cref="KernelPacking"/>, then the (padded) bias.</summary>
        private static int LayOutWeights(List<LayerPlan> steps)
        {
            int packed = 0;
            foreach (LayerPlan plan in steps)
            {
                LayerAnalysis layer = plan.Layer;
                LayerSpec s = layer.Spec;
                int blocks = 1, rows;
                switch (plan.Packing)
                {
                    case KernelPacking.Rows:
                        plan.PaddedUnits = RoundUp(layer.OutputShape.Channels);
                        rows = plan.Kernel!.Length / layer.OutputShape.Channels;
                        break;
                    case KernelPacking.Groups:
                        blocks = s.Groups;
                        plan.PaddedUnits = RoundUp(layer.OutputShape.Channels / s.Groups);
                        rows = s.KernelHeight * s.KernelWidth * (layer.InputShape.Channels / s.Groups);
                        break;
                    case KernelPacking.Depthwise:
                        blocks = s.DepthMultiplier;
                        plan.PaddedUnits = RoundUp(layer.InputShape.Channels);
                        rows = s.KernelHeight * s.KernelWidth;
                        break;
                    case KernelPacking.Transposed:
                        plan.PaddedUnits = RoundUp(layer.OutputShape.Channels);
                        rows = s.KernelHeight * s.KernelWidth * layer.InputShape.Channels;
                        break;
                    case KernelPacking.BatchNorm:
                        plan.PaddedUnits = RoundUp(layer.OutputShape.Channels);
                        rows = 1;
                        break;
                    default:
                        continue;
                }

                plan.PackedKernelOffset = packed;
                plan.PackedKernelLength = blocks * rows * plan.PaddedUnits;
                packed += plan.PackedKernelLength;
                if (s.UseBias || plan.Packing == KernelPacking.BatchNorm)
                {
                    plan.PackedBiasOffset = packed;
                    plan.PackedBiasLength = blocks * plan.PaddedUnits;
                    packed += plan.PackedBiasLength;
                }
            }

            return packed;
        }
    }
}
