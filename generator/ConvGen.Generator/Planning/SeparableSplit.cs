using System.Linq;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// SeparableConv2D = DepthwiseConv2D (stride, padding, dilation; no bias, linear) then a 1x1 Conv2D with the bias and
    /// activation. The two parts keep the declared layer's index; each carries its own parameter tensors.
    /// </summary>
    internal static class SeparableSplit
    {
        public static (LayerAnalysis Depthwise, LayerAnalysis Pointwise) Split(LayerAnalysis layer)
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
    }
}
