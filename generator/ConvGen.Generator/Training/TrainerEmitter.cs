using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Emitting;
using ConvGen.Generator.Model;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// Writes the nested <c>Trainer</c> of a network declared with <c>[ConvNet(..., Training = true)]</c>: a training-mode
    /// forward pass and a backward pass generated for the exact shapes, the Keras losses (ConvGen.Training.LossFunctions)
    /// and optimizers, frozen layers, and data parallelism over the images of a batch. Each layer kind's code comes from
    /// its <see cref="KindTraining"/>; this class writes the trainer's state, public API and the passes that drive them.
    /// </summary>
    internal static class TrainerEmitter
    {
        /// <summary>Images per parallel work item; fixed, so gradients are summed in the same order whatever the thread count.</summary>
        private const int ChunkImages = 8;

        /// <summary>Layers cheaper than this (multiply-adds or values per image) run on the calling thread alone.</summary>
        private const long ParallelThreshold = 4096;

        public static void Emit(CodeWriter w, NetworkModel model, NetworkAnalysis analysis)
        {
            List<TrainingStep> steps = Steps(analysis);
            string net = model.ClassName;
            int layers = steps.Count;
            TrainingStep last = steps[steps.Count - 1];
            long valuesPerImage = analysis.InputShape.Length, deltasPerImage = 0;
            foreach (TrainingStep s in steps)
            {
                valuesPerImage += (int)s.Out.Length + (s.OwnsPreActivation ? (int)s.Out.Length : 0) + (s.Spec.Kind == LayerKind.SeparableConv2D ? s.MiddleLength : 0);
                deltasPerImage += (int)s.Out.Length + (s.Spec.Kind == LayerKind.SeparableConv2D ? s.MiddleLength : 0);
            }

            long maxBatch = Math.Min(int.MaxValue / Math.Max(valuesPerImage, Math.Max(deltasPerImage, 1)),
                (long)ChunkImages * (int.MaxValue / Math.Max(analysis.ParameterCount, Math.Max(steps.Max(Conv2DTraining.ScratchFloats), 1))));
            int maxChannels = 1;
            foreach (TrainingStep s in steps)
            {
                if (s.Spec.Kind == LayerKind.BatchNormalization)
                {
                    maxChannels = Math.Max(maxChannels, s.In.Channels);
                }
            }

            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// Trains {net} (generated because of <c>Training = true</c>): the forward pass in training mode and the backward");
            w.Line("/// pass, generated for these exact shapes; Keras losses and optimizers; frozen layers (<c>Trainable = false</c>,");
            w.Line("/// <see cref=\"SetTrainable\"/>). A batch's images are spread over the cores in fixed chunks whose gradients are summed");
            w.Line("/// in a fixed order, so results do not depend on the thread count. Nothing is allocated per step.");
            w.Line("/// Not thread-safe: use one trainer per thread (concurrent use throws <see cref=\"InvalidOperationException\"/>).");
            w.Line("/// </summary>");
            using (w.Block("public sealed class Trainer : global::ConvGen.Training.ITrainer"))
            {
                Declarations(w, analysis, steps, maxChannels);
                Constructor(w, net, analysis, steps, maxBatch);
                Properties(w, net);
                PublicMethods(w, net, analysis, last);
                Driver(w, analysis, steps, last);
                foreach (TrainingStep s in steps)
                {
                    LayerMethods(w, s);
                }
            }
        }

        private static List<TrainingStep> Steps(NetworkAnalysis analysis)
        {
            var steps = new List<TrainingStep>();
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                var values = new List<string>();
                var deltas = new List<string?>();
                var lengths = new List<int>();
                for (int j = 0; j < layer.InputIndices.Count; j++)
                {
                    int from = layer.InputIndices[j];
                    values.Add(from < 0 ? "_x" : "_y" + I(from));
                    deltas.Add(from < 0 ? null : "_dy" + I(from));
                    lengths.Add((int)layer.InputShapes[j].Length);
                }

                steps.Add(new TrainingStep(layer, values, deltas, lengths));
            }

            return steps;
        }

        private static void Declarations(CodeWriter w, NetworkAnalysis analysis, List<TrainingStep> steps, int maxChannels)
        {
            w.Line($"private const int ChunkImages = {I(ChunkImages)};");
            w.Line($"private const int ParameterFloats = {I(analysis.ParameterCount)};");
            w.Line($"private const int ScratchFloats = {I(steps.Max(Conv2DTraining.ScratchFloats))};");
            w.Line();
            w.Line("private static readonly string[] Names =");
            using (w.Block(string.Empty, "};"))
            {
                foreach (TrainingStep s in steps)
                {
                    w.Line($"\"{s.Layer.Name}\",");
                }
            }

            w.Line();
            w.Line($"private static readonly bool[] HasParameters = {{ {string.Join(", ", steps.Select(s => s.Layer.ParameterCount > 0 ? "true" : "false"))} }};");
            w.Line();

            // The tensors an optimizer updates (moving statistics are not trained): layer, offset and length of each.
            var tensors = new List<(int Layer, int Offset, int Length)>();
            foreach (TrainingStep s in steps)
            {
                foreach (ParameterTensor p in s.Layer.Parameters)
                {
                    if (p.Name != "moving_mean" && p.Name != "moving_variance")
                    {
                        tensors.Add((s.Index, p.Offset, p.Length));
                    }
                }
            }

            w.Line($"private static readonly int[] TensorLayer = {{ {string.Join(", ", tensors.Select(t => I(t.Layer)))} }};");
            w.Line($"private static readonly int[] TensorOffset = {{ {string.Join(", ", tensors.Select(t => I(t.Offset)))} }};");
            w.Line($"private static readonly int[] TensorLength = {{ {string.Join(", ", tensors.Select(t => I(t.Length)))} }};");
            w.Line();
            w.Line("private readonly int _batchSize;");
            w.Line("private readonly ulong _seed;");
            w.Line("private readonly float[] _parameters = new float[ParameterFloats];");
            w.Line("private readonly float[] _gradients = new float[ParameterFloats];");
            w.Line("private readonly float[] _chunkGradients;");
            w.Line("private readonly float[] _scratch;");
            w.Line("private readonly float[] _values;");
            w.Line("private readonly float[] _deltas;");
            w.Line($"private readonly double[] _accumulator = new double[{I(2 * maxChannels)}];");
            w.Line($"private readonly bool[] _trainable = new bool[{I(steps.Count)}];");
            w.Line($"private readonly bool[] _trainsParameters = new bool[{I(steps.Count)}];");
            w.Line($"private readonly bool[] _upstream = new bool[{I(steps.Count)}];");
            foreach (TrainingStep s in steps.Where(s => s.Spec.Kind == LayerKind.BatchNormalization))
            {
                w.Line($"private readonly float[] {BatchNormalizationTraining.StatsField(s)} = new float[{I(3 * s.In.Channels)}];");
            }

            w.Line("private readonly Action<int> _forwardChunk;");
            w.Line("private readonly Action<int> _backwardChunk;");
            var regions = new List<string> { "_x" };
            foreach (TrainingStep s in steps)
            {
                regions.Add(s.Output);
                if (s.OwnsPreActivation)
                {
                    regions.Add(s.PreActivation);
                }

                if (s.Spec.Kind == LayerKind.SeparableConv2D)
                {
                    regions.Add(s.Middle);
                    regions.Add(s.MiddleDelta);
                }

                regions.Add(s.OutputDelta);
            }

            w.Line($"private readonly int {string.Join(", ", regions)};");
            w.Line("private global::ConvGen.Training.OptimizerState? _optimizerState;");
            w.Line("private int _count;");
            w.Line("private int _layer;");
            w.Line("private bool _training;");
            w.Line("private long _step;");
            w.Line("private int _busy;");
            w.Line();
        }

        private static void Constructor(CodeWriter w, string net, NetworkAnalysis analysis, List<TrainingStep> steps, long maxBatch)
        {
            w.Line("/// <summary>");
            w.Line($"/// Creates a trainer for batches of up to <paramref name=\"batchSize\"/> images from <see cref=\"{net}.ParameterCount\"/> parameters in");
            w.Line("/// Keras <c>get_weights()</c> order (copied). <paramref name=\"seed\"/> seeds Dropout's masks: the same seed gives the same masks.");
            w.Line("/// </summary>");
            w.Line("/// <exception cref=\"ArgumentException\">The parameter count is wrong.</exception>");
            w.Line("/// <exception cref=\"ArgumentOutOfRangeException\">The batch size is not positive or too large for the memory it needs.</exception>");
            using (w.Block("public Trainer(ReadOnlySpan<float> parameters, int batchSize, int seed = 0)"))
            {
                using (w.Block("if (parameters.Length != ParameterFloats)"))
                {
                    w.Line("throw new ArgumentException($\"Expected {ParameterFloats} parameters (Keras get_weights() order) but got {parameters.Length}.\", nameof(parameters));");
                }

                using (w.Block($"if (batchSize < 1 || batchSize > {I(maxBatch)})"))
                {
                    w.Line($"throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, \"The batch size must be between 1 and {I(maxBatch)}.\");");
                }

                w.Line();
                w.Line("_batchSize = batchSize;");
                w.Line("_seed = unchecked((ulong)seed);");
                w.Line("parameters.CopyTo(_parameters);");
                w.Line("int at = 0;");
                w.Line($"_x = at; at += batchSize * {I((int)analysis.InputShape.Length)};");
                foreach (TrainingStep s in steps)
                {
                    w.Line($"{s.Output} = at; at += batchSize * {I((int)s.Out.Length)};");
                    if (s.OwnsPreActivation)
                    {
                        w.Line($"{s.PreActivation} = at; at += batchSize * {I((int)s.Out.Length)};");
                    }

                    if (s.Spec.Kind == LayerKind.SeparableConv2D)
                    {
                        w.Line($"{s.Middle} = at; at += batchSize * {I(s.MiddleLength)};");
                    }
                }

                w.Line("_values = new float[at];");
                w.Line("at = 0;");
                foreach (TrainingStep s in steps)
                {
                    w.Line($"{s.OutputDelta} = at; at += batchSize * {I((int)s.Out.Length)};");
                    if (s.Spec.Kind == LayerKind.SeparableConv2D)
                    {
                        w.Line($"{s.MiddleDelta} = at; at += batchSize * {I(s.MiddleLength)};");
                    }
                }

                w.Line("_deltas = new float[at];");
                w.Line("_chunkGradients = new float[(batchSize + ChunkImages - 1) / ChunkImages * ParameterFloats];");
                w.Line("_scratch = new float[(batchSize + ChunkImages - 1) / ChunkImages * ScratchFloats];");
                foreach (TrainingStep s in steps)
                {
                    w.Line($"_trainable[{I(s.Index)}] = {(s.Spec.Trainable ? "true" : "false")};");
                }

                w.Line("UpdateGradientFlags();");
                w.Line("_layer = -1;");
                w.Line("_forwardChunk = ForwardChunk;");
                w.Line("_backwardChunk = BackwardChunk;");
            }

            w.Line();
        }

        private static void Properties(CodeWriter w, string net)
        {
            void Property(string doc, string type, string name, string value)
            {
                w.Line($"/// <summary>{doc}</summary>");
                w.Line($"public {type} {name} => {value};");
                w.Line();
            }

            Property("Floats in one input image.", "int", "InputLength", $"{net}.InputLength");
            Property("Floats in one output.", "int", "OutputLength", $"{net}.OutputLength");
            Property("The output's channel (last) axis: the classes of a classifier.", "int", "OutputChannels", $"{net}.OutputChannels");
            Property("Parameters, Keras get_weights() order.", "int", "ParameterCount", $"{net}.ParameterCount");
            Property("The most images one call takes.", "int", "BatchSize", "_batchSize");
            Property("Layer names, as in the generated summary (for SetTrainable).", "global::System.Collections.Generic.IReadOnlyList<string>", "LayerNames", "Names");
            Property("Gradient computations so far (Dropout draws a new mask each step).", "long", "Step", "_step");
            w.Line("/// <summary>Threads a step may use (default: all cores); 1 runs everything on the calling thread. Results do not depend on it.</summary>");
            w.Line("public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;");
            w.Line();
        }

        private static void PublicMethods(CodeWriter w, string net, NetworkAnalysis analysis, TrainingStep last)
        {
            int positions = (int)analysis.OutputShape.Length / analysis.OutputShape.Channels;
            string loss = "global::ConvGen.Loss";
            string optimizer = "global::ConvGen.Optimizer";
            string functions = "global::ConvGen.Training.LossFunctions";

            w.Line("/// <summary>d(loss)/d(parameter) for 1 to BatchSize images (targets: OutputLength floats per image), in training mode; returns the loss.</summary>");
            using (w.Block($"public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, {loss} loss, Span<float> gradients)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = CheckTargets(inputs, targets, loss);");
                    w.Line("CheckGradients(gradients);");
                    w.Line("return Gradients(inputs, count, targets, default, false, loss, null, gradients);");
                }

                Finally(w);
            }

            w.Line();
            w.Line($"/// <summary>As the overload with targets, for the sparse losses: one class index per output position ({I(positions)} per image).</summary>");
            using (w.Block($"public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, {loss} loss, Span<float> gradients)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = CheckLabels(inputs, labels, loss);");
                    w.Line("CheckGradients(gradients);");
                    w.Line("return Gradients(inputs, count, default, labels, true, loss, null, gradients);");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>One training step: gradients, the optimizer's update of the trainable parameters, then the batch-norm moving statistics. Returns the loss; when it is not finite nothing is updated.</summary>");
            using (w.Block($"public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, {loss} loss, {optimizer} optimizer)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = CheckTargets(inputs, targets, loss);");
                    w.Line("CheckOptimizer(optimizer);");
                    w.Line("return Update(Gradients(inputs, count, targets, default, false, loss, null, _gradients), optimizer);");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>As the overload with targets, for the sparse losses.</summary>");
            using (w.Block($"public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, {loss} loss, {optimizer} optimizer)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = CheckLabels(inputs, labels, loss);");
                    w.Line("CheckOptimizer(optimizer);");
                    w.Line("return Update(Gradients(inputs, count, default, labels, true, loss, null, _gradients), optimizer);");
                }

                Finally(w);
            }

            w.Line();
            string customLoss = "global::ConvGen.Training.CustomLoss";
            w.Line("/// <summary>As the overload with a built-in loss, for a loss of your own (see CustomLoss): targets are any whole number of floats per image, passed to it unchanged.</summary>");
            using (w.Block($"public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, {customLoss} loss, Span<float> gradients)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = CheckCustom(inputs, targets, loss);");
                    w.Line("CheckGradients(gradients);");
                    w.Line("return Gradients(inputs, count, targets, default, false, default, loss, gradients);");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>One training step with a loss of your own (see CustomLoss).</summary>");
            using (w.Block($"public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, {customLoss} loss, {optimizer} optimizer)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = CheckCustom(inputs, targets, loss);");
                    w.Line("CheckOptimizer(optimizer);");
                    w.Line("return Update(Gradients(inputs, count, targets, default, false, default, loss, _gradients), optimizer);");
                }

                Finally(w);
            }

            w.Line();
            w.Line($"/// <summary>The outputs of the last call, OutputLength floats per image of it: training mode after ComputeGradients or TrainStep (what the loss saw), inference mode after Predict.</summary>");
            w.Line($"public ReadOnlySpan<float> Outputs => _values.AsSpan({last.Output}, _count * {net}.OutputLength);");
            w.Line();
            w.Line("/// <summary>Inference-mode outputs (Keras <c>model(x, training=False)</c>) for 1 to BatchSize images: OutputLength floats each.</summary>");
            using (w.Block("public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)"))
            {
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("int count = Images(inputs);");
                    using (w.Block($"if (outputs.Length != count * {net}.OutputLength)"))
                    {
                        w.Line($"throw new ArgumentException($\"Expected {{count * {net}.OutputLength}} output floats ({{count}} images of {{{net}.OutputLength}}) but got {{outputs.Length}}.\", nameof(outputs));");
                    }

                    w.Line("_count = count;");
                    w.Line("inputs.CopyTo(_values.AsSpan(_x, inputs.Length));");
                    w.Line("RunForward(false);");
                    w.Line($"_values.AsSpan({last.Output}, outputs.Length).CopyTo(outputs);");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>The current parameters, Keras get_weights() order (for the inference constructor or SafeTensors.Save).</summary>");
            using (w.Block("public void CopyParametersTo(Span<float> destination)"))
            {
                using (w.Block("if (destination.Length != ParameterFloats)"))
                {
                    w.Line("throw new ArgumentException($\"Expected a destination of {ParameterFloats} floats but got {destination.Length}.\", nameof(destination));");
                }

                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("_parameters.CopyTo(destination);");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>Replaces every parameter (Keras set_weights); the optimizer state is kept.</summary>");
            using (w.Block("public void SetParameters(ReadOnlySpan<float> parameters)"))
            {
                using (w.Block("if (parameters.Length != ParameterFloats)"))
                {
                    w.Line("throw new ArgumentException($\"Expected {ParameterFloats} parameters but got {parameters.Length}.\", nameof(parameters));");
                }

                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("parameters.CopyTo(_parameters);");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>Freezes (false) or unfreezes a layer by its summary name (Keras <c>layer.trainable</c>); a frozen BatchNormalization runs in inference mode.</summary>");
            w.Line("/// <exception cref=\"ArgumentException\">No layer has that name; the message lists the names.</exception>");
            using (w.Block("public void SetTrainable(string layerName, bool trainable)"))
            {
                w.Line("int index = IndexOf(layerName);");
                w.Line("Enter();");
                using (w.Block("try"))
                {
                    w.Line("_trainable[index] = trainable;");
                    w.Line("UpdateGradientFlags();");
                }

                Finally(w);
            }

            w.Line();
            w.Line("/// <summary>Whether the named layer is trained.</summary>");
            w.Line("public bool IsTrainable(string layerName) => _trainable[IndexOf(layerName)];");
            w.Line();

            using (w.Block("private static int IndexOf(string layerName)"))
            {
                w.Line("int index = Array.IndexOf(Names, layerName);");
                using (w.Block("if (index < 0)"))
                {
                    w.Line("throw new ArgumentException($\"No layer is named '{layerName}'; the layers are: {string.Join(\", \", Names)}.\", nameof(layerName));");
                }

                w.Line("return index;");
            }

            w.Line();
            using (w.Block("private int Images(ReadOnlySpan<float> inputs)"))
            {
                w.Line($"int count = inputs.Length / {net}.InputLength;");
                using (w.Block($"if (inputs.Length == 0 || inputs.Length % {net}.InputLength != 0 || count > _batchSize)"))
                {
                    w.Line($"throw new ArgumentException($\"Expected 1 to {{_batchSize}} images of {{{net}.InputLength}} floats {analysis.InputShape} (NHWC) but got {{inputs.Length}} floats.\", nameof(inputs));");
                }

                w.Line("return count;");
            }

            w.Line();
            using (w.Block("private int CheckCustom(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, global::ConvGen.Training.CustomLoss loss)"))
            {
                w.Line("ArgumentNullException.ThrowIfNull(loss);");
                w.Line("int count = Images(inputs);");
                using (w.Block("if (targets.Length % count != 0)"))
                {
                    w.Line("throw new ArgumentException($\"Expected the same number of target floats for each of the {count} images, but got {targets.Length} in all.\", nameof(targets));");
                }

                w.Line("return count;");
            }

            w.Line();
            using (w.Block($"private int CheckTargets(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, {loss} loss)"))
            {
                using (w.Block($"if ({functions}.IsSparse(loss))"))
                {
                    w.Line("throw new ArgumentException($\"{loss} takes integer labels: use the overload with ReadOnlySpan<int> labels.\", nameof(loss));");
                }

                w.Line("int count = Images(inputs);");
                using (w.Block($"if (targets.Length != count * {net}.OutputLength)"))
                {
                    w.Line($"throw new ArgumentException($\"Expected {{count * {net}.OutputLength}} target floats ({{count}} images of {{{net}.OutputLength}}) but got {{targets.Length}}.\", nameof(targets));");
                }

                w.Line("return count;");
            }

            w.Line();
            using (w.Block($"private int CheckLabels(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, {loss} loss)"))
            {
                using (w.Block($"if (!{functions}.IsSparse(loss))"))
                {
                    w.Line("throw new ArgumentException($\"{loss} takes target tensors: use the overload with ReadOnlySpan<float> targets.\", nameof(loss));");
                }

                w.Line("int count = Images(inputs);");
                using (w.Block($"if (labels.Length != count * {I(positions)})"))
                {
                    w.Line($"throw new ArgumentException($\"Expected {{count * {I(positions)}}} labels ({{count}} images of {I(positions)}) but got {{labels.Length}}.\", nameof(labels));");
                }

                w.Line($"{functions}.CheckLabels(labels, {net}.OutputChannels);");
                w.Line("return count;");
            }

            w.Line();
            using (w.Block("private static void CheckGradients(Span<float> gradients)"))
            {
                using (w.Block("if (gradients.Length != ParameterFloats)"))
                {
                    w.Line("throw new ArgumentException($\"Expected {ParameterFloats} gradient floats (one per parameter) but got {gradients.Length}.\", nameof(gradients));");
                }
            }

            w.Line();
            using (w.Block($"private static void CheckOptimizer({optimizer} optimizer)"))
            {
                w.Line("ArgumentNullException.ThrowIfNull(optimizer);");
            }

            w.Line();
            using (w.Block("private void Enter()"))
            {
                using (w.Block("if (global::System.Threading.Interlocked.Exchange(ref _busy, 1) != 0)"))
                {
                    w.Line("throw new InvalidOperationException(\"This Trainer is already running a call on another thread. A Trainer is not thread-safe: use one per thread (each step already spreads its images over the cores).\");");
                }
            }

            w.Line();
            w.Line("private void Exit() => global::System.Threading.Volatile.Write(ref _busy, 0);");
            w.Line();

            // The step itself.
            using (w.Block($"private float Gradients(ReadOnlySpan<float> inputs, int count, ReadOnlySpan<float> targets, ReadOnlySpan<int> labels, bool sparse, {loss} loss, global::ConvGen.Training.CustomLoss? custom, Span<float> gradients)"))
            {
                w.Line("_count = count;");
                w.Line("inputs.CopyTo(_values.AsSpan(_x, inputs.Length));");
                w.Line("RunForward(true);");
                w.Line("Array.Clear(_deltas, 0, _deltas.Length);");
                w.Line($"ReadOnlySpan<float> output = _values.AsSpan({last.Output}, count * {net}.OutputLength);");
                w.Line($"Span<float> outputGradient = _deltas.AsSpan({last.OutputDelta}, count * {net}.OutputLength);");
                w.Line("float value = custom is not null");
                w.Line("    ? custom(output, targets, outputGradient)");
                w.Line("    : sparse");
                w.Line($"        ? {functions}.Compute(loss, output, labels, {net}.OutputChannels, outputGradient)");
                w.Line($"        : {functions}.Compute(loss, output, targets, {net}.OutputChannels, outputGradient);");
                w.Line("RunBackward();");
                w.Line("int chunks = (count + ChunkImages - 1) / ChunkImages;");
                w.Line("gradients.Clear();");
                using (w.Block("for (int t = 0; t < TensorLayer.Length; t++)"))
                {
                    using (w.Block("if (!_trainsParameters[TensorLayer[t]])"))
                    {
                        w.Line("continue;");
                    }

                    w.Line("Span<float> target = gradients.Slice(TensorOffset[t], TensorLength[t]);");
                    using (w.Block("for (int c = 0; c < chunks; c++)"))
                    {
                        w.Line("global::ConvGen.Training.TrainingMath.Add(_chunkGradients.AsSpan(c * ParameterFloats + TensorOffset[t], TensorLength[t]), target);");
                    }
                }

                w.Line("_step++;");
                w.Line("return value;");
            }

            w.Line();
            using (w.Block($"private float Update(float value, {optimizer} optimizer)"))
            {
                using (w.Block("if (!float.IsFinite(value))"))
                {
                    w.Line("return value;");
                }

                w.Line("global::ConvGen.Training.OptimizerState? state = _optimizerState;");
                using (w.Block("if (state is null || !ReferenceEquals(state.Owner, optimizer))"))
                {
                    w.Line("_optimizerState = state = optimizer.CreateState(ParameterFloats);");
                }

                w.Line("float learningRate = optimizer.LearningRateAt(state.Iterations);");
                using (w.Block("for (int t = 0; t < TensorLayer.Length; t++)"))
                using (w.Block("if (_trainsParameters[TensorLayer[t]])"))
                {
                    w.Line("optimizer.Apply(state, _parameters, _gradients, TensorOffset[t], TensorLength[t], learningRate);");
                }

                w.Line("state.Iterations++;");
                w.Line("UpdateMovingStatistics();");
                w.Line("return value;");
            }

            w.Line();
        }

        private static void Finally(CodeWriter w)
        {
            using (w.Block("finally"))
            {
                w.Line("Exit();");
            }
        }

        private static bool Parallel(TrainingStep s) => Math.Max(s.Layer.MultiplyAdds, (int)s.Out.Length) >= ParallelThreshold;

        private static void Driver(CodeWriter w, NetworkAnalysis analysis, List<TrainingStep> steps, TrainingStep last)
        {
            using (w.Block("private void UpdateGradientFlags()"))
            {
                w.Comment("A layer's backward pass runs when a trained parameter lies at or before it; its input gradient when one lies before it.");
                foreach (TrainingStep s in steps)
                {
                    string k = I(s.Index);
                    w.Line($"_trainsParameters[{k}] = {(s.Layer.ParameterCount > 0 ? $"_trainable[{k}]" : "false")};");
                    var upstream = new List<string> { $"_trainsParameters[{k}]" };
                    upstream.AddRange(s.Layer.InputIndices.Where(j => j >= 0).Distinct().Select(j => $"_upstream[{I(j)}]"));
                    w.Line($"_upstream[{k}] = {string.Join(" || ", upstream)};");
                }
            }

            w.Line();
            using (w.Block("private void UpdateMovingStatistics()"))
            {
                foreach (TrainingStep s in steps.Where(s => s.Spec.Kind == LayerKind.BatchNormalization))
                {
                    BatchNormalizationTraining.UpdateMovingStatistics(w, s);
                }
            }

            w.Line();
            using (w.Block("private void RunForward(bool training)"))
            {
                w.Line("_training = training;");
                w.Line("int chunks = (_count + ChunkImages - 1) / ChunkImages;");
                foreach (TrainingStep s in steps)
                {
                    w.Comment($"{s.Layer.Name}: {LayerText.Describe(s.Spec)} -> {s.Out}");
                    if (KindTraining.For(s.Spec.Kind)!.WholeBatch)
                    {
                        w.Line($"ForwardBatch{I(s.Index)}();");
                    }
                    else if (Parallel(s))
                    {
                        w.Line($"_layer = {I(s.Index)};");
                        w.Line("global::ConvGen.Training.ParallelChunks.Run(chunks, _forwardChunk, MaxDegreeOfParallelism);");
                    }
                    else if (KindTraining.For(s.Spec.Kind)!.WholeChunk)
                    {
                        w.Line($"for (int c = 0; c < chunks; c++) Forward{I(s.Index)}Chunk(c);");
                    }
                    else
                    {
                        w.Line($"for (int n = 0; n < _count; n++) Forward{I(s.Index)}(n);");
                    }
                }
            }

            w.Line();
            using (w.Block("private void RunBackward()"))
            {
                w.Line("int chunks = (_count + ChunkImages - 1) / ChunkImages;");
                w.Line("Array.Clear(_chunkGradients, 0, chunks * ParameterFloats);");
                for (int i = steps.Count - 1; i >= 0; i--)
                {
                    TrainingStep s = steps[i];
                    string k = I(s.Index);
                    using (w.Block($"if (_upstream[{k}])"))
                    {
                        if (KindTraining.For(s.Spec.Kind)!.WholeBatch)
                        {
                            w.Line($"BackwardBatch{k}(_chunkGradients.AsSpan(0, ParameterFloats));");
                        }
                        else if (Parallel(s))
                        {
                            w.Line($"_layer = {k};");
                            w.Line("global::ConvGen.Training.ParallelChunks.Run(chunks, _backwardChunk, MaxDegreeOfParallelism);");
                        }
                        else if (KindTraining.For(s.Spec.Kind)!.WholeChunk)
                        {
                            w.Line($"for (int c = 0; c < chunks; c++) Backward{k}Chunk(c, _chunkGradients.AsSpan(c * ParameterFloats, ParameterFloats));");
                        }
                        else
                        {
                            w.Line($"for (int n = 0; n < _count; n++) Backward{k}(n, _chunkGradients.AsSpan(n / ChunkImages * ParameterFloats, ParameterFloats));");
                        }
                    }
                }
            }

            w.Line();
            using (w.Block("private void ForwardChunk(int chunk)"))
            {
                using (w.Block("switch (_layer)"))
                {
                    foreach (TrainingStep s in steps.Where(s => KindTraining.For(s.Spec.Kind)!.WholeChunk && Parallel(s)))
                    {
                        w.Line($"case {I(s.Index)}: Forward{I(s.Index)}Chunk(chunk); return;");
                    }

                    w.Line("default: break;");
                }

                w.Line("int end = Math.Min(_count, (chunk + 1) * ChunkImages);");
                using (w.Block("for (int n = chunk * ChunkImages; n < end; n++)"))
                using (w.Block("switch (_layer)"))
                {
                    foreach (TrainingStep s in steps.Where(s => !KindTraining.For(s.Spec.Kind)!.WholeBatch && !KindTraining.For(s.Spec.Kind)!.WholeChunk && Parallel(s)))
                    {
                        w.Line($"case {I(s.Index)}: Forward{I(s.Index)}(n); break;");
                    }

                    w.Line("default: break;");
                }
            }

            w.Line();
            using (w.Block("private void BackwardChunk(int chunk)"))
            {
                w.Line("Span<float> grad = _chunkGradients.AsSpan(chunk * ParameterFloats, ParameterFloats);");
                using (w.Block("switch (_layer)"))
                {
                    foreach (TrainingStep s in steps.Where(s => KindTraining.For(s.Spec.Kind)!.WholeChunk && Parallel(s)))
                    {
                        w.Line($"case {I(s.Index)}: Backward{I(s.Index)}Chunk(chunk, grad); return;");
                    }

                    w.Line("default: break;");
                }

                w.Line("int end = Math.Min(_count, (chunk + 1) * ChunkImages);");
                using (w.Block("for (int n = chunk * ChunkImages; n < end; n++)"))
                using (w.Block("switch (_layer)"))
                {
                    foreach (TrainingStep s in steps.Where(s => !KindTraining.For(s.Spec.Kind)!.WholeBatch && !KindTraining.For(s.Spec.Kind)!.WholeChunk && Parallel(s)))
                    {
                        w.Line($"case {I(s.Index)}: Backward{I(s.Index)}(n, grad); break;");
                    }

                    w.Line("default: break;");
                }
            }
        }

        private static void LayerMethods(CodeWriter w, TrainingStep s)
        {
            KindTraining kind = KindTraining.For(s.Spec.Kind)!;
            string k = I(s.Index);
            w.Line();
            w.Line($"// {s.Layer.Name}: {LayerText.Describe(s.Spec)}, {s.In} -> {s.Out}");
            if (kind.WholeBatch)
            {
                using (w.Block($"private void ForwardBatch{k}()"))
                {
                    kind.Forward(w, s);
                }

                w.Line();
                using (w.Block($"private void BackwardBatch{k}(Span<float> grad)"))
                {
                    kind.Backward(w, s);
                }

                return;
            }

            int outLength = (int)s.Out.Length;
            if (kind.WholeChunk)
            {
                ChunkMethods(w, s, kind);
                return;
            }

            using (w.Block($"private void Forward{k}(int n)"))
            {
                w.Line("ReadOnlySpan<float> prm = _parameters;");
                DeclareInputs(w, s);
                if (s.Spec.Kind == LayerKind.Activation && s.HasActivation)
                {
                    w.Line("ReadOnlySpan<float> z = x;");
                }
                else
                {
                    w.Line($"Span<float> z = {TrainingStep.Span("_values", s.PreActivation, outLength)};");
                }

                if (s.Spec.Kind == LayerKind.SeparableConv2D)
                {
                    w.Line($"Span<float> m = {TrainingStep.Span("_values", s.Middle, s.MiddleLength)};");
                }

                kind.Forward(w, s);
                if (s.HasActivation)
                {
                    w.Line($"Span<float> y = {TrainingStep.Span("_values", s.Output, outLength)};");
                    ActivationTraining.Forward(w, s, "z", "y");
                }
            }

            w.Line();
            using (w.Block($"private void Backward{k}(int n, Span<float> grad)"))
            {
                w.Line("ReadOnlySpan<float> prm = _parameters;");
                w.Line($"bool wantW = _trainsParameters[{k}];");
                w.Line($"Span<float> d = {TrainingStep.Span("_deltas", s.OutputDelta, outLength)};");
                if (s.HasActivation)
                {
                    w.Line($"ReadOnlySpan<float> za = {TrainingStep.Span("_values", s.PreActivation, outLength)};");
                    w.Line($"ReadOnlySpan<float> ya = {TrainingStep.Span("_values", s.Output, outLength)};");
                    ActivationTraining.Backward(w, s, "za", "ya", "d");
                }

                DeclareInputs(w, s);
                bool merge = s.Spec.Kind is LayerKind.Add or LayerKind.Concatenate;
                for (int j = 0; j < s.InputValues.Count; j++)
                {
                    string suffix = merge ? I(j) : string.Empty;
                    int from = s.Layer.InputIndices[j];
                    w.Line($"bool wantX{suffix} = {(from < 0 ? "false" : $"_upstream[{I(from)}]")};");
                    string delta = s.InputDeltas[j] is { } field ? TrainingStep.Span("_deltas", field, s.InputLengths[j]) : "Span<float>.Empty";
                    w.Line($"Span<float> dx{suffix} = wantX{suffix} ? {delta} : Span<float>.Empty;");
                }

                if (s.Spec.Kind == LayerKind.SeparableConv2D)
                {
                    w.Line($"ReadOnlySpan<float> m = {TrainingStep.Span("_values", s.Middle, s.MiddleLength)};");
                    w.Line($"Span<float> dm = {TrainingStep.Span("_deltas", s.MiddleDelta, s.MiddleLength)};");
                }

                kind.Backward(w, s);
            }
        }

        /// <summary>Forward{k}Chunk(chunk) and Backward{k}Chunk(chunk, grad): the layer over a chunk's images at once (one input, no middle tensor).</summary>
        private static void ChunkMethods(CodeWriter w, TrainingStep s, KindTraining kind)
        {
            string k = I(s.Index);
            int outLength = (int)s.Out.Length, inLength = s.InputLengths[0];
            string Chunk(string array, string field, int length) => $"{array}.AsSpan({field} + n * {I(length)}, count * {I(length)})";
            using (w.Block($"private void Forward{k}Chunk(int chunk)"))
            {
                w.Line("int n = chunk * ChunkImages, count = Math.Min(ChunkImages, _count - n);");
                w.Line("ReadOnlySpan<float> prm = _parameters;");
                w.Line($"ReadOnlySpan<float> x = {Chunk("_values", s.InputValues[0], inLength)};");
                w.Line($"Span<float> z = {Chunk("_values", s.PreActivation, outLength)};");
                kind.ForwardChunk(w, s);
                if (s.HasActivation)
                {
                    w.Line($"Span<float> ys = {Chunk("_values", s.Output, outLength)};");
                    using (w.Block("for (int r = 0; r < count; r++)"))
                    {
                        w.Line($"Span<float> zr = z.Slice(r * {I(outLength)}, {I(outLength)});");
                        w.Line($"Span<float> y = ys.Slice(r * {I(outLength)}, {I(outLength)});");
                        ActivationTraining.Forward(w, s, "zr", "y");
                    }
                }
            }

            w.Line();
            using (w.Block($"private void Backward{k}Chunk(int chunk, Span<float> grad)"))
            {
                w.Line("int n = chunk * ChunkImages, count = Math.Min(ChunkImages, _count - n);");
                w.Line("ReadOnlySpan<float> prm = _parameters;");
                w.Line($"bool wantW = _trainsParameters[{k}];");
                w.Line($"Span<float> d = {Chunk("_deltas", s.OutputDelta, outLength)};");
                if (s.HasActivation)
                {
                    w.Line($"ReadOnlySpan<float> zas = {Chunk("_values", s.PreActivation, outLength)};");
                    w.Line($"ReadOnlySpan<float> yas = {Chunk("_values", s.Output, outLength)};");
                    using (w.Block("for (int r = 0; r < count; r++)"))
                    {
                        w.Line($"ReadOnlySpan<float> za = zas.Slice(r * {I(outLength)}, {I(outLength)});");
                        w.Line($"ReadOnlySpan<float> ya = yas.Slice(r * {I(outLength)}, {I(outLength)});");
                        w.Line($"Span<float> dr = d.Slice(r * {I(outLength)}, {I(outLength)});");
                        ActivationTraining.Backward(w, s, "za", "ya", "dr");
                    }
                }

                w.Line($"ReadOnlySpan<float> x = {Chunk("_values", s.InputValues[0], inLength)};");
                int from = s.Layer.InputIndices[0];
                w.Line($"bool wantX = {(from < 0 ? "false" : $"_upstream[{I(from)}]")};");
                string delta = s.InputDeltas[0] is { } field ? Chunk("_deltas", field, inLength) : "Span<float>.Empty";
                w.Line($"Span<float> dx = wantX ? {delta} : Span<float>.Empty;");
                kind.BackwardChunk(w, s);
            }
        }

        private static void DeclareInputs(CodeWriter w, TrainingStep s)
        {
            bool merge = s.Spec.Kind is LayerKind.Add or LayerKind.Concatenate;
            for (int j = 0; j < s.InputValues.Count; j++)
            {
                string name = merge ? "x" + I(j) : "x";
                w.Line($"ReadOnlySpan<float> {name} = {TrainingStep.Span("_values", s.InputValues[j], s.InputLengths[j])};");
            }
        }
    }
}
