using System;
using System.Collections.Generic;
using System.Linq;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    /// <summary>
    /// Evaluates the shape arithmetic exporters leave in graphs (PyTorch writes F.pad's pads and some Resize sizes as
    /// ConstantOfShape, Concat, Reshape, Slice, Transpose, Cast, Gather, Unsqueeze chains) when all inputs are constants.
    /// </summary>
    public static class ConstantFolder
    {
        private static readonly HashSet<string> Foldable = new(StringComparer.Ordinal)
        {
            "ConstantOfShape", "Concat", "Reshape", "Slice", "Transpose", "Cast", "Gather", "Unsqueeze", "Squeeze",
            "Identity", "Add", "Sub", "Mul", "Div", "Floor", "Ceil", "Neg", "Sqrt",
        };

        /// <summary>Whether <paramref name="op"/> is folded when its inputs are constant.</summary>
        public static bool CanFold(string op) => Foldable.Contains(op);

        /// <summary>Evaluates the node; inputs are constants, null for an absent optional input.</summary>
        public static ConstTensor Fold(NodeProto node, IReadOnlyList<ConstTensor?> inputs)
        {
            ConstTensor x = inputs[0] ?? throw new FormatException("the first input is missing");
            switch (node.OpType)
            {
                case "Identity":
                    return x;
                case "ConstantOfShape":
                {
                    long[] dims = x.AsInts();
                    int n = checked((int)dims.Aggregate(1L, (a, b) => a * b));
                    ConstTensor? value = node.Attribute("value") is { } a ? OnnxTensors.Read(a.T, out _) : null;
                    return value?.Floats is { } f ? new ConstTensor(dims, Enumerable.Repeat(f[0], n).ToArray())
                        : new ConstTensor(dims, Enumerable.Repeat(value?.Ints?[0] ?? 0L, n).ToArray());
                }

                case "Cast":
                    return node.Int("to", 1) is 1 or 10 or 11 ? new ConstTensor(x.Dims, x.AsFloats()) : new ConstTensor(x.Dims, x.Floats?.Select(v => (long)v).ToArray() ?? x.Ints!);
                case "Reshape":
                {
                    long[] shape = inputs[1]!.AsInts();
                    long count = x.Length, known = 1;
                    for (int i = 0; i < shape.Length; i++)
                    {
                        shape[i] = shape[i] == 0 ? x.Dims[i] : shape[i];
                        known *= shape[i] == -1 ? 1 : shape[i];
                    }

                    shape = shape.Select(d => d == -1 ? count / known : d).ToArray();
                    return Make(shape, x);
                }

                case "Unsqueeze":
                {
                    long[] axes = node.Ints("axes") ?? inputs[1]!.AsInts();
                    var dims = x.Dims.ToList();
                    foreach (long a in axes.Select(a => a < 0 ? a + x.Dims.Length + axes.Length : a).OrderBy(a => a))
                    {
                        dims.Insert((int)a, 1);
                    }

                    return Make(dims.ToArray(), x);
                }

                case "Squeeze":
                {
                    long[]? axes = node.Ints("axes") ?? (inputs.Count > 1 ? inputs[1]?.AsInts() : null);
                    var drop = axes?.Select(a => a < 0 ? a + x.Dims.Length : a).ToHashSet();
                    return Make(x.Dims.Where((d, i) => !(drop is null ? d == 1 : drop.Contains(i))).ToArray(), x);
                }

                case "Transpose":
                {
                    int rank = x.Dims.Length;
                    long[] perm = node.Ints("perm") ?? Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray();
                    long[] outDims = perm.Select(p => x.Dims[p]).ToArray();
                    return Gather(x, outDims, index => Enumerable.Range(0, rank).Select(i => 0L).ToArray().Also(src =>
                    {
                        for (int i = 0; i < rank; i++)
                        {
                            src[perm[i]] = index[i];
                        }
                    }));
                }

                case "Slice":
                {
                    int rank = x.Dims.Length;
                    long[] starts = node.Ints("starts") ?? inputs[1]!.AsInts();
                    long[] ends = node.Ints("ends") ?? inputs[2]!.AsInts();
                    long[] axes = node.Ints("axes") ?? (inputs.Count > 3 && inputs[3] is { } ax ? ax.AsInts() : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray());
                    long[] steps = inputs.Count > 4 && inputs[4] is { } st ? st.AsInts() : Enumerable.Repeat(1L, starts.Length).ToArray();
                    var start = new long[rank];
                    var step = Enumerable.Repeat(1L, rank).ToArray();
                    long[] outDims = x.Dims.ToArray();
                    for (int i = 0; i < axes.Length; i++)
                    {
                        int a = (int)(axes[i] < 0 ? axes[i] + rank : axes[i]);
                        long d = x.Dims[a], s = steps[i];
                        long b = starts[i] < 0 ? starts[i] + d : starts[i], e = ends[i] < 0 ? ends[i] + d : ends[i];
                        b = s > 0 ? Math.Clamp(b, 0, d) : Math.Clamp(b, 0, d - 1);
                        e = s > 0 ? Math.Clamp(e, 0, d) : Math.Clamp(e, -1, d - 1);
                        start[a] = b;
                        step[a] = s;
                        outDims[a] = Math.Max(0, s > 0 ? (e - b + s - 1) / s : (b - e - s - 1) / -s);
                    }

                    return Gather(x, outDims, index => index.Select((v, i) => start[i] + v * step[i]).ToArray());
                }

                case "Concat":
                {
                    var parts = inputs.Where(t => t is not null && t.Length > 0).Cast<ConstTensor>().ToList();
                    int rank = parts[0].Dims.Length;
                    int axis = (int)node.Int("axis", 0);
                    axis = axis < 0 ? axis + rank : axis;
                    long[] outDims = parts[0].Dims.ToArray();
                    outDims[axis] = parts.Sum(p => p.Dims[axis]);
                    bool floats = parts.Any(p => p.Floats is not null);
                    var values = new List<double>();
                    long outer = outDims.Take(axis).Aggregate(1L, (a, b) => a * b);
                    for (long o = 0; o < outer; o++)
                    {
                        foreach (ConstTensor p in parts)
                        {
                            long inner = p.Dims.Skip(axis).Aggregate(1L, (a, b) => a * b);
                            for (long i = 0; i < inner; i++)
                            {
                                values.Add(p.Floats is { } f ? f[o * inner + i] : p.Ints![o * inner + i]);
                            }
                        }
                    }

                    return floats ? new ConstTensor(outDims, values.Select(v => (float)v).ToArray()) : new ConstTensor(outDims, values.Select(v => (long)v).ToArray());
                }

                case "Gather":
                {
                    if (node.Int("axis", 0) != 0 || x.Dims.Length != 1)
                    {
                        throw new FormatException("only Gather on axis 0 of a 1-D constant is folded");
                    }

                    long[] indices = inputs[1]!.AsInts().Select(i => i < 0 ? i + x.Dims[0] : i).ToArray();
                    return x.Floats is { } f ? new ConstTensor(inputs[1]!.Dims, indices.Select(i => f[i]).ToArray()) : new ConstTensor(inputs[1]!.Dims, indices.Select(i => x.Ints![i]).ToArray());
                }

                case "Floor":
                case "Ceil":
                case "Neg":
                case "Sqrt":
                {
                    Func<double, double> f = node.OpType switch { "Floor" => Math.Floor, "Ceil" => Math.Ceiling, "Neg" => v => -v, _ => Math.Sqrt };
                    return x.Floats is { } fl ? new ConstTensor(x.Dims, fl.Select(v => (float)f(v)).ToArray()) : new ConstTensor(x.Dims, x.Ints!.Select(v => (long)f(v)).ToArray());
                }

                default:
                    return Binary(node.OpType, x, inputs[1]!);
            }
        }

        /// <summary>Element-wise arithmetic of equal shapes, or with a one-element operand.</summary>
        private static ConstTensor Binary(string op, ConstTensor a, ConstTensor b)
        {
            if (a.Length != b.Length && a.Length != 1 && b.Length != 1)
            {
                throw new FormatException($"{op} of constants [{string.Join(", ", a.Dims)}] and [{string.Join(", ", b.Dims)}] needs broadcasting");
            }

            ConstTensor shape = a.Length >= b.Length ? a : b;
            int n = shape.Length;
            if (a.Floats is null && b.Floats is null)
            {
                long[] x = a.Ints!, y = b.Ints!;
                return new ConstTensor(shape.Dims, Enumerable.Range(0, n).Select(i => Apply(op, x[x.Length == 1 ? 0 : i], y[y.Length == 1 ? 0 : i])).ToArray());
            }

            float[] fx = a.AsFloats(), fy = b.AsFloats();
            return new ConstTensor(shape.Dims, Enumerable.Range(0, n).Select(i => (float)Apply(op, fx[fx.Length == 1 ? 0 : i], fy[fy.Length == 1 ? 0 : i])).ToArray());
        }

        private static long Apply(string op, long x, long y) => op switch { "Add" => x + y, "Sub" => x - y, "Mul" => x * y, _ => x / y };

        private static double Apply(string op, double x, double y) => op switch { "Add" => x + y, "Sub" => x - y, "Mul" => x * y, _ => x / y };

        private static ConstTensor Make(long[] dims, ConstTensor data) => data.Floats is { } f ? new ConstTensor(dims, f) : new ConstTensor(dims, data.Ints!);

        /// <summary>Builds a tensor of <paramref name="outDims"/> whose element at each index comes from <paramref name="source"/>'s index in x.</summary>
        private static ConstTensor Gather(ConstTensor x, long[] outDims, Func<long[], long[]> source)
        {
            int rank = outDims.Length;
            long count = outDims.Aggregate(1L, (a, b) => a * b);
            var inStrides = new long[rank];
            for (int i = rank - 1, s = 1; i >= 0; s *= (int)x.Dims[i], i--)
            {
                inStrides[i] = s;
            }

            var index = new long[rank];
            var picks = new long[count];
            for (long n = 0; n < count; n++)
            {
                long rest = n;
                for (int i = rank - 1; i >= 0; i--)
                {
                    index[i] = rest % outDims[i];
                    rest /= outDims[i];
                }

                long[] src = source(index);
                picks[n] = src.Select((v, i) => v * inStrides[i]).Sum();
            }

            return x.Floats is { } f ? new ConstTensor(outDims, picks.Select(p => f[p]).ToArray()) : new ConstTensor(outDims, picks.Select(p => x.Ints![p]).ToArray());
        }

        private static T Also<T>(this T value, Action<T> action)
        {
            action(value);
            return value;
        }
    }
}
