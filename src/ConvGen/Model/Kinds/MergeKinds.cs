using System;
using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    // The home of Add and Concatenate in the library: their attributes (the public API), their LayerSpec
    // factories and, in MergeKinds, their descriptors, shape rules, constructor readers and attribute text.

    /// <summary>
    /// Element-wise sum of the named layers' outputs (Keras <c>Add</c>), e.g. a residual connection:
    /// <c>[Add("block1_out", "conv2d_3")]</c>. Every input must have the same shape; "input" names the network input.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class AddAttribute : LayerAttribute
    {
        /// <summary>Adds two or more layers' outputs.</summary>
        public AddAttribute(params string[] inputs) => Inputs = inputs;

        /// <summary>The layers summed.</summary>
        public string[] Inputs { get; }
    }

    /// <summary>
    /// Concatenates the named layers' outputs on the channel (last) axis, in the order given (Keras <c>Concatenate</c>),
    /// e.g. a U-Net skip: <c>[Concatenate("up1", "down1")]</c>. Every input must have the same height and width.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class ConcatenateAttribute : LayerAttribute
    {
        /// <summary>Joins two or more layers' outputs.</summary>
        public ConcatenateAttribute(params string[] inputs) => Inputs = inputs;

        /// <summary>The layers joined, in channel order.</summary>
        public string[] Inputs { get; }
    }

    public sealed partial record LayerSpec
    {
        /// <summary>Element-wise sum of the named layers' outputs (Keras <c>Add</c>).</summary>
        public static LayerSpec Add(params string[] inputs) => new LayerSpec { Kind = LayerKind.Add, Inputs = (string[])inputs.Clone() };

        /// <summary>Channel-axis concatenation of the named layers' outputs, in the order given (Keras <c>Concatenate</c>).</summary>
        public static LayerSpec Concatenate(params string[] inputs) => new LayerSpec { Kind = LayerKind.Concatenate, Inputs = (string[])inputs.Clone() };
    }

    /// <summary>The layers that read several named layers: Add and Concatenate.</summary>
    internal static class MergeKinds
    {
        public static readonly LayerKindInfo[] All =
        {
            new LayerKindInfo(LayerKind.Add, "Add", "add", Add, InputArguments, ReadInputs, readsSeveralInputs: true),
            new LayerKindInfo(LayerKind.Concatenate, "Concatenate", "concatenate", Concatenate, InputArguments, ReadInputs, readsSeveralInputs: true),
        };

        /// <summary>The names of the layers read (<c>params string[] inputs</c>); no layer without them.</summary>
        private static LayerSpec? ReadInputs(IConstructorArguments a, LayerSpec layer) => a.Strings("inputs") is { } inputs ? layer with { Inputs = inputs } : null;

        private static LayerAnalysis? Add(ShapeContext c)
        {
            TensorShape input = c.Input;
            for (int k = 1; k < c.Inputs.Length; k++)
            {
                if (c.Inputs[k] != input)
                {
                    c.Report(DiagnosticIds.AddShapeMismatch, null,
                        Format("{0} adds '{1}' {2} and '{3}' {4}; Add needs inputs of one shape", c.Where, c.InputNames[0], input, c.InputNames[k], c.Inputs[k]));
                    return null;
                }
            }

            return c.Result(input, null, input.Length * (c.Inputs.Length - 1));
        }

        private static LayerAnalysis? Concatenate(ShapeContext c)
        {
            TensorShape input = c.Input;
            long channels = input.Channels;
            for (int k = 1; k < c.Inputs.Length; k++)
            {
                TensorShape other = c.Inputs[k];
                if (other.Rank != input.Rank || other.Height != input.Height || other.Width != input.Width)
                {
                    string size = input.Rank == 3 ? "the same height and width" : "the same rank";
                    c.Report(DiagnosticIds.ConcatenateShapeMismatch, null,
                        Format("{0} joins '{1}' {2} and '{3}' {4} on the channel axis; every input needs {5}", c.Where, c.InputNames[0], input, c.InputNames[k], other, size));
                    return null;
                }

                channels += other.Channels;
            }

            if (channels > MaxTensorLength)
            {
                c.Report(DiagnosticIds.SizeTooLarge, null, Format("{0} makes {1} channels", c.Where, channels));
                return null;
            }

            var output = input.Rank == 3 ? new TensorShape(input.Height, input.Width, (int)channels) : TensorShape.Flat((int)channels);
            return c.CheckTensor(output) ? c.Result(output) : null;
        }

        /// <summary>The names read, as constructor arguments.</summary>
        private static void InputArguments(LayerSpec layer, List<string> args)
        {
            foreach (string input in layer.Inputs)
            {
                args.Add(LayerText.Quote(input));
            }
        }
    }
}
