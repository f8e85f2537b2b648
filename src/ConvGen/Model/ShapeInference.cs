using System;
using System.Collections.Generic;
using System.Globalization;

namespace ConvGen
{
    /// <summary>
    /// The layer rules: validates a declaration and infers every tensor shape, parameter layout and padding,
    /// exactly as TensorFlow/Keras do. The checks every layer shares live here, each kind's own rule in its
    /// family's <c>Model/Kinds/*Kinds.cs</c>, found through <see cref="LayerKinds"/>. Compiled into both the runtime
    /// library (for the reference interpreter) and the source generator, so the two cannot disagree.
    /// </summary>
    public static partial class ShapeInference
    {
        /// <summary>Largest value accepted for any single size argument (height, channels, kernel, stride, ...).</summary>
        public const int MaxDimension = 1 << 16;

        /// <summary>Largest tensor or parameter vector, in floats (1 GiB); larger is rejected as absurd for generated code.</summary>
        public const long MaxTensorLength = 1L << 28;

        /// <summary>Validates <paramref name="spec"/> and infers shapes. Never throws; problems are in <see cref="NetworkAnalysis.Diagnostics"/>.</summary>
        public static NetworkAnalysis Analyze(NetworkSpec spec)
        {
            var diagnostics = new List<SpecDiagnostic>();
            var layers = new List<LayerAnalysis>();

            CheckSize(diagnostics, -1, "height", "input height", spec.InputHeight);
            CheckSize(diagnostics, -1, "width", "input width", spec.InputWidth);
            CheckSize(diagnostics, -1, "channels", "input channels", spec.InputChannels);
            if (diagnostics.Count == 0 && spec.InputShape.Length > MaxTensorLength)
            {
                diagnostics.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, -1, null,
                    Format("the input {0} has {1} floats; at most {2} are supported", spec.InputShape, spec.InputShape.Length, MaxTensorLength)));
            }

            if (spec.Layers.Count == 0)
            {
                diagnostics.Add(new SpecDiagnostic(DiagnosticIds.NoLayers, -1, null,
                    "the network declares no layers; add layer attributes such as [Conv2D(16, 3)] after [ConvNet]"));
            }

            if (diagnostics.Count > 0)
            {
                return new NetworkAnalysis(spec, layers.ToArray(), diagnostics.ToArray());
            }

            string[] names = LayerNames(spec);
            var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = names.Length - 1; i >= 0; i--)
            {
                firstByName[names[i]] = i;
            }

            var known = new Dictionary<string, int>(StringComparer.Ordinal) { [InputName] = -1 };
            long parameterOffset = 0;
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                LayerSpec layer = spec.Layers[i];
                int before = diagnostics.Count;
                LayerAnalysis? result = null;
                if (CheckName(diagnostics, i, layer, names[i], known)
                    && ResolveInputs(diagnostics, i, layer, names[i], known, firstByName, out int[] inputIndices))
                {
                    var inputs = new TensorShape[inputIndices.Length];
                    var inputNames = new string[inputIndices.Length];
                    for (int k = 0; k < inputs.Length; k++)
                    {
                        int from = inputIndices[k];
                        inputs[k] = from < 0 ? spec.InputShape : layers[from].OutputShape;
                        inputNames[k] = from < 0 ? InputName : names[from];
                    }

                    var context = new ShapeContext(diagnostics, i, names[i], layer, inputIndices, inputs, inputNames, parameterOffset);
                    result = AnalyzeLayer(diagnostics, context);
                    parameterOffset = context.ParameterOffset;
                }

                if (result is null || diagnostics.Count > before)
                {
                    break; // Shapes after a broken layer are unknown: report the first problem only.
                }

                layers.Add(result);
                known[names[i]] = i;
            }

            return new NetworkAnalysis(spec, layers.ToArray(), diagnostics.ToArray());
        }

        /// <summary>A diagnostic's argument names, most specific first: the property (or parameter) that sets one value, then the one that sets both.</summary>
        internal static string Either(string specific, string general) => specific + "|" + general;

        internal static string Where(int index, LayerSpec layer) => Format("layer {0} ({1})", index + 1, LayerText.TypeName(layer.Kind));

        /// <summary>The checks every layer shares, then the kind's own rule (<see cref="LayerKindInfo"/>).</summary>
        private static LayerAnalysis? AnalyzeLayer(List<SpecDiagnostic> d, ShapeContext c)
        {
            if (!CheckEnums(d, c.Index, c.Layer, c.Where))
            {
                return null;
            }

            LayerKindInfo? kind = LayerKinds.For(c.Layer.Kind);
            if (kind is null)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, c.Index, null, Format("{0}: unknown layer kind {1}", c.Where, (int)c.Layer.Kind)));
                return null;
            }

            return kind.Shape(c);
        }

        /// <summary>True for the kinds that apply <see cref="LayerSpec.Activation"/> to their result (<see cref="LayerKindInfo.HasActivation"/>).</summary>
        public static bool HasActivation(LayerKind kind) => LayerKinds.HasActivation(kind);

        /// <summary>
        /// Output size and padding of a sliding window along both axes. TF rules: <c>valid</c>
        /// out = floor((in - eff) / s) + 1 with eff = d * (k - 1) + 1; <c>same</c> out = ceil(in / s),
        /// total = max((out - 1) * s + eff - in, 0), before = floor(total / 2), the rest after.
        /// </summary>
        internal static bool Window(List<SpecDiagnostic> d, int index, string where, string what, string argument, TensorShape input, LayerSpec layer,
            out int outH, out int outW, out int padTop, out int padBottom, out int padLeft, out int padRight)
        {
            long effH = (long)layer.DilationHeight * (layer.KernelHeight - 1) + 1;
            long effW = (long)layer.DilationWidth * (layer.KernelWidth - 1) + 1;
            outH = outW = padTop = padBottom = padLeft = padRight = 0;
            if (layer.Padding == Padding.Valid)
            {
                if (effH > input.Height || effW > input.Width)
                {
                    string dilation = layer.DilationHeight == 1 && layer.DilationWidth == 1
                        ? string.Empty
                        : Format(" with dilation {0}", Pair(layer.DilationHeight, layer.DilationWidth));
                    d.Add(new SpecDiagnostic(DiagnosticIds.WindowLargerThanInput, index, argument,
                        Format("{0} {1}x{2}{3} needs at least {4}x{5} input with Padding.Valid, {6} receives {7}; use Padding.Same or a smaller {0}",
                            what, layer.KernelHeight, layer.KernelWidth, dilation, effH, effW, where, input.SpatialText)));
                    return false;
                }

                outH = (int)((input.Height - effH) / layer.StrideHeight + 1);
                outW = (int)((input.Width - effW) / layer.StrideWidth + 1);
                return true;
            }

            outH = (input.Height + layer.StrideHeight - 1) / layer.StrideHeight;
            outW = (input.Width + layer.StrideWidth - 1) / layer.StrideWidth;
            long totalH = Math.Max((long)(outH - 1) * layer.StrideHeight + effH - input.Height, 0);
            long totalW = Math.Max((long)(outW - 1) * layer.StrideWidth + effW - input.Width, 0);
            padTop = (int)(totalH / 2);
            padBottom = (int)(totalH - padTop);
            padLeft = (int)(totalW / 2);
            padRight = (int)(totalW - padLeft);
            return true;
        }

        internal static string Pair(int a, int b) => a == b ? a.ToString(CultureInfo.InvariantCulture) : Format("{0}x{1}", a, b);

        private static bool CheckEnums(List<SpecDiagnostic> d, int index, LayerSpec layer, string where)
        {
            if (layer.Padding != Padding.Valid && layer.Padding != Padding.Same)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, nameof(ConvolutionLayerAttribute.Padding),
                    Format("{0}: {1} is not a Padding value; use Padding.Valid or Padding.Same", where, (int)layer.Padding)));
                return false;
            }

            if (layer.Activation < Activation.Linear || layer.Activation > Activation.GELUErf)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, Either(nameof(WeightedLayerAttribute.Activation), "activation"),
                    Format("{0}: {1} is not an Activation value", where, (int)layer.Activation)));
                return false;
            }

            if (layer.Activation != Activation.Linear && !HasActivation(layer.Kind))
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, null,
                    Format("{0} has no activation of its own; add [Activation(Activation.{1})] after it", where, LayerText.ActivationName(layer.Activation))));
                return false;
            }

            float coefficient = layer.ActivationCoefficient;
            if ((layer.Activation == Activation.LeakyReLU || layer.Activation == Activation.ELU)
                && (float.IsNaN(coefficient) || float.IsInfinity(coefficient)))
            {
                string argument = layer.Activation == Activation.ELU ? nameof(WeightedLayerAttribute.Alpha) : nameof(WeightedLayerAttribute.NegativeSlope);
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, argument,
                    Format("{0}: {1} must be a finite number, not {2}", where, argument, coefficient)));
                return false;
            }

            if (layer.Interpolation != Interpolation.Nearest && layer.Interpolation != Interpolation.Bilinear)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownEnumValue, index, nameof(UpSampling2DAttribute.Interpolation),
                    Format("{0}: {1} is not an Interpolation value; use Interpolation.Nearest or Interpolation.Bilinear", where, (int)layer.Interpolation)));
                return false;
            }

            return true;
        }

        internal static bool CheckSize(List<SpecDiagnostic> d, int index, string argument, string what, int value)
        {
            if (value <= 0)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.NonPositiveSize, index, argument, Format("{0} must be positive, not {1}", what, value)));
                return false;
            }

            if (value > MaxDimension)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, argument, Format("{0} is {1}; at most {2} is supported", what, value, MaxDimension)));
                return false;
            }

            return true;
        }

        internal static bool CheckNotNegative(List<SpecDiagnostic> d, int index, string argument, string what, int value)
        {
            if (value < 0)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.NonPositiveSize, index, argument, Format("{0} must not be negative, not {1}", what, value)));
                return false;
            }

            if (value > MaxDimension)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, argument, Format("{0} is {1}; at most {2} is supported", what, value, MaxDimension)));
                return false;
            }

            return true;
        }

        internal static bool CheckSpatialInput(List<SpecDiagnostic> d, int index, string where, TensorShape input)
        {
            if (input.Rank == 3)
            {
                return true;
            }

            d.Add(new SpecDiagnostic(DiagnosticIds.NeedsSpatialInput, index, null,
                Format("{0} needs an [height, width, channels] input but receives the flat {1}; move it before [Flatten]", where, input)));
            return false;
        }

        internal static bool CheckTensor(List<SpecDiagnostic> d, int index, string where, TensorShape shape)
        {
            if (shape.Length <= MaxTensorLength)
            {
                return true;
            }

            d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                Format("{0} output {1} has {2} floats; at most {3} are supported", where, shape, shape.Length, MaxTensorLength)));
            return false;
        }

        internal static bool AddParameter(List<SpecDiagnostic> d, int index, string where, List<ParameterTensor> list, string name, int[] shape, ref long offset)
        {
            long length = 1;
            foreach (int dim in shape)
            {
                length *= dim;
            }

            if (length > MaxTensorLength || offset + length > MaxTensorLength)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.SizeTooLarge, index, null,
                    Format("{0} {1} needs {2} floats, the network {3} in all; at most {4} are supported", where, name, length, offset + length, MaxTensorLength)));
                return false;
            }

            list.Add(new ParameterTensor(name, shape, (int)offset));
            offset += length;
            return true;
        }

        internal static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
