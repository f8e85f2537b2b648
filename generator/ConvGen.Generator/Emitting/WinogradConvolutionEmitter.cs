using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The kernel class of a Conv2D step that runs as Winograd (<see cref="WinogradSelection"/>): constants for every size
    /// and one call into <c>ConvGen.Inference.WinogradConvolution.Run</c>, the shape-independent kernel (input transform
    /// with the padding read as zeros, one register-tiled product per transform point, output transform with bias and
    /// activation) that lives once in the runtime library. The constructor transformed the kernel once
    /// (<see cref="WeightPackingEmitter"/>); the workspace is the network's, after its scratch slots.
    /// </summary>
    internal static class WinogradConvolutionEmitter
    {
        /// <summary>The class remarks: the algorithm and why it was chosen.</summary>
        public static string Remarks(LayerPlan plan) =>
            $"Runs as {WinogradSelection.AlgorithmName(plan.WinogradTile, WinogradSelection.KernelSize(plan))} ({plan.AlgorithmReason}): the kernel was transformed once by the constructor; the input and output transforms read the padding as zeros and add the bias and activation.";

        /// <summary>Writes the constants and Run of <paramref name="plan"/>'s class.</summary>
        public static void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis l = plan.Layer;
            LayerSpec s = l.Spec;
            int tile = plan.WinogradTile, k = WinogradSelection.KernelSize(plan);
            w.Line($"private const int Height = {I(l.InputShape.Height)}, Width = {I(l.InputShape.Width)}, InputChannels = {I(l.InputShape.Channels)}, PadTop = {I(l.PadTop)}, PadLeft = {I(l.PadLeft)};");
            w.Line($"private const int OutputHeight = {I(l.OutputShape.Height)}, OutputWidth = {I(l.OutputShape.Width)}, Filters = {I(l.OutputShape.Channels)};");
            w.Line($"/// <summary>Output tile side: {WinogradSelection.AlgorithmName(tile, k)}.</summary>");
            w.Line($"private const int OutputTile = {I(tile)};");
            if (k != 3)
            {
                w.Line($"/// <summary>Kernel side (the library's default is 3).</summary>");
                w.Line($"private const int KernelSize = {I(k)};");
            }

            w.Line("/// <summary>Floats of the transformed kernel U and of the workspace this layer uses.</summary>");
            w.Line($"private const int TransformedKernelLength = {I(WinogradSizes.TransformedKernelLength(tile, l.InputShape.Channels, l.OutputShape.Channels, k))}, WorkspaceLength = {I(WinogradSelection.WorkspaceLength(plan))};");
            bool dilated = WinogradSelection.IsDilated(s);
            if (dilated)
            {
                w.Line($"/// <summary>The dilation: the layer runs as DilationHeight x DilationWidth undilated convolutions of the interleaved sub-grids.</summary>");
                w.Line($"private const int DilationHeight = {I(s.DilationHeight)}, DilationWidth = {I(s.DilationWidth)};");
            }

            w.Line();
            w.Line("/// <summary>Computes the whole layer (lengths were checked by the network's Run; the library checks them again, once per call).</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias, ref float workspace)"))
            {
                string bias = s.UseBias ? "MemoryMarshal.CreateReadOnlySpan(ref bias, Filters)" : "ReadOnlySpan<float>.Empty";
                w.Line(dilated ? "global::ConvGen.Inference.WinogradConvolution.RunDilated(" : "global::ConvGen.Inference.WinogradConvolution.Run(");
                string variant = k == 3 ? "OutputTile" : "OutputTile, KernelSize";
                w.Line(dilated ? $"    {variant}, DilationHeight, DilationWidth," : $"    {variant},");
                w.Line("    MemoryMarshal.CreateReadOnlySpan(ref input, Height * Width * InputChannels), Height, Width, InputChannels, PadTop, PadLeft,");
                w.Line($"    MemoryMarshal.CreateReadOnlySpan(ref kernel, TransformedKernelLength), {bias},");
                w.Line("    MemoryMarshal.CreateSpan(ref output, OutputHeight * OutputWidth * Filters), OutputHeight, OutputWidth, Filters,");
                w.Line($"    global::ConvGen.Activation.{s.Activation}, MemoryMarshal.CreateSpan(ref workspace, WorkspaceLength));");
            }
        }
    }
}
