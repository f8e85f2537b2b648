using System;
using System.Linq;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    public sealed partial class OnnxImporter
    {
        /// <summary>
        /// Slice of an NCHW image with step 1 that keeps all of N and C: a Cropping2D (rows [start, end) of H, columns of W).
        /// Opset 10+ reads starts, ends, axes and steps from inputs, earlier opsets from attributes; negative indices count
        /// from the end and everything is clamped to the axis, as ONNX specifies.
        /// </summary>
        private object? Slice(NodeProto node, Act x, object?[] inputs)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            long[]? starts = node.Ints("starts") ?? (inputs.ElementAtOrDefault(1) as ConstTensor)?.AsInts();
            long[]? ends = node.Ints("ends") ?? (inputs.ElementAtOrDefault(2) as ConstTensor)?.AsInts();
            long[]? axes = node.Ints("axes") ?? (inputs.ElementAtOrDefault(3) as ConstTensor)?.AsInts();
            long[]? steps = (inputs.ElementAtOrDefault(4) as ConstTensor)?.AsInts();
            bool computed = (inputs.Length > 1 && inputs[1] is not ConstTensor) || (inputs.Length > 2 && inputs[2] is not ConstTensor)
                || (inputs.Length > 3 && inputs[3] is not null and not ConstTensor) || (inputs.Length > 4 && inputs[4] is not null and not ConstTensor);
            if (computed || starts is null || ends is null || starts.Length != ends.Length)
            {
                return Fail(node, "starts/ends", "must be constants of one length");
            }

            axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
            if (axes.Length != starts.Length || (steps is not null && steps.Length != starts.Length))
            {
                return Fail(node, $"axes = {Text(axes)}", "must have one entry per start");
            }

            if (steps is not null && steps.Any(v => v != 1))
            {
                return Fail(node, "steps = " + Text(steps), "ConvGen crops with step 1 only (Cropping2D)");
            }

            long[] dims = OnnxDims(x); // [1, C, H, W]
            var begin = new long[4];
            long[] end = (long[])dims.Clone();
            for (int i = 0; i < axes.Length; i++)
            {
                long axis = axes[i] < 0 ? axes[i] + 4 : axes[i];
                if (axis is < 0 or > 3)
                {
                    return Fail(node, $"axes = {Text(axes)}", "a 4-D image has axes 0 to 3");
                }

                long dim = dims[axis];
                begin[axis] = Math.Clamp(starts[i] < 0 ? starts[i] + dim : starts[i], 0, dim);
                end[axis] = Math.Clamp(ends[i] < 0 ? ends[i] + dim : ends[i], 0, dim);
            }

            if (begin[0] != 0 || end[0] != dims[0] || begin[1] != 0 || end[1] != dims[1])
            {
                return Fail(node, $"starts = {Text(starts)}, ends = {Text(ends)}, axes = {Text(axes)}", "ConvGen crops height and width only (Cropping2D); the batch and channels must be kept whole");
            }

            if (end[2] <= begin[2] || end[3] <= begin[3])
            {
                return Fail(node, $"starts = {Text(starts)}, ends = {Text(ends)}, axes = {Text(axes)}", "leaves no rows or no columns");
            }

            if (begin[2] == 0 && end[2] == dims[2] && begin[3] == 0 && end[3] == dims[3])
            {
                return x; // keeps everything
            }

            int layer = AddLayer(LayerSpec.Cropping2D((int)begin[2], (int)(dims[2] - end[2]), (int)begin[3], (int)(dims[3] - end[3])),
                new[] { x.Layer }, Array.Empty<float[]>(), node);
            return x with { Layer = layer };
        }
    }
}
