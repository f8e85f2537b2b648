using System;

namespace ConvGen
{
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
}
