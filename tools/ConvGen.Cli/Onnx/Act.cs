namespace ConvGen.Cli.Onnx
{
    /// <summary>How an ONNX activation value relates to the ConvGen tensor of the layer that computes it.</summary>
    public enum ActLayout
    {
        /// <summary>ONNX [1, C, H, W]; ConvGen [H, W, C].</summary>
        Nchw,

        /// <summary>ONNX [1, H, W, C] (tf2onnx's input before its Transpose); ConvGen [H, W, C].</summary>
        Nhwc,

        /// <summary>ONNX [1, n]; ConvGen [n], element i of ONNX at <see cref="Act.Order"/>[i] of ConvGen.</summary>
        Flat,

        /// <summary>ONNX [1, C, 1, 1] (a global pooling's output); ConvGen [C].</summary>
        Pooled,
    }

    /// <summary>
    /// An ONNX value computed by the network: the ConvGen layer that holds it (-1: the input), how it is laid out,
    /// for flat values the ONNX-to-ConvGen element order (null: the same), and whether it is known to be non-negative
    /// (so zero padding may stand in for max pooling's -inf padding).
    /// </summary>
    public sealed record Act(int Layer, ActLayout Layout, int[]? Order = null, bool NonNegative = false);
}
