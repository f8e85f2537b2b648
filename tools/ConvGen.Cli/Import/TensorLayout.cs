namespace ConvGen.Cli.Import
{
    /// <summary>How the source model lays out its input or output tensor, so callers know how to feed and read it.</summary>
    public enum TensorLayout
    {
        /// <summary>[1, C, H, W] (PyTorch); ConvGen's tensor is its NHWC transpose.</summary>
        Nchw,

        /// <summary>[1, H, W, C] (Keras, tf2onnx); the same memory as ConvGen's.</summary>
        Nhwc,

        /// <summary>[1, n]; the same memory as ConvGen's flat tensor.</summary>
        Flat,
    }
}
