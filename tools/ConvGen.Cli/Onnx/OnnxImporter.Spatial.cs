using System;
using System.Linq;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    public sealed partial class OnnxImporter
    {
        /// <summary>One spatial axis of a window op: input size, window (dilated), stride, ONNX pads and output size.</summary>
        private readonly record struct Axis(int In, int Window, int Stride, int PadBegin, int PadEnd, int Out)
        {
            /// <summary>Cells past the input the last window reaches (negative: input cells it leaves unread).</summary>
            public int EndReach => (Out - 1) * Stride + Window - In - PadBegin;

            /// <summary>TF "same" for this window: out = ceil(in / stride), total padding split floor(half) first.</summary>
            public (int Out, int Begin, int End) TfSame()
            {
                int o = (In + Stride - 1) / Stride, total = Math.Max((o - 1) * Stride + Window - In, 0);
                return (o, total / 2, total - total / 2);
            }

            /// <summary>Whether ONNX's windows are exactly TF "same"'s.</summary>
            public bool IsTfSame => TfSame() is var s && s.Out == Out && s.Begin == PadBegin && s.End == Math.Max(EndReach, 0) && EndReach >= 0;

            /// <summary>Whether ONNX's windows are exactly TF "valid"'s (no padding read).</summary>
            public bool IsValid => PadBegin == 0 && EndReach <= 0;
        }

        /// <summary>Pads, strides and output sizes of Conv, MaxPool and AveragePool (auto_pad and ceil_mode applied).</summary>
        private (Axis H, Axis W)? Geometry(NodeProto node, Act x, int kh, int kw, int dh, int dw)
        {
            TensorShape s = ShapeOf(x);
            long[] strides = node.Ints("strides") ?? new long[] { 1, 1 };
            long[] pads = node.Ints("pads") ?? new long[4];
            string autoPad = node.String("auto_pad", "NOTSET");
            bool ceil = node.Int("ceil_mode", 0) != 0;
            if (strides.Length != 2 || pads.Length != 4)
            {
                Problem(node, $"strides = {Text(strides)}, pads = {Text(pads)}", "only 2-D windows are supported");
                return null;
            }

            Axis Make(int n, int k, int stride, int pb, int pe)
            {
                int reach = n + pb + pe - k;
                int o = (ceil ? (reach + stride - 1) / stride : reach / stride) + 1;
                if (ceil && (o - 1) * stride >= n + pb)
                {
                    o--; // the last window must start inside the input or the leading padding
                }

                return new Axis(n, k, stride, pb, pe, o);
            }

            int keh = (kh - 1) * dh + 1, kew = (kw - 1) * dw + 1, sh = (int)strides[0], sw = (int)strides[1];
            switch (autoPad)
            {
                case "NOTSET":
                    return (Make(s.Height, keh, sh, (int)pads[0], (int)pads[2]), Make(s.Width, kew, sw, (int)pads[1], (int)pads[3]));
                case "VALID":
                    return (Make(s.Height, keh, sh, 0, 0), Make(s.Width, kew, sw, 0, 0));
                case "SAME_UPPER":
                case "SAME_LOWER":
                {
                    Axis Same(int n, int k, int stride)
                    {
                        int o = (n + stride - 1) / stride, total = Math.Max((o - 1) * stride + k - n, 0);
                        int begin = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                        return new Axis(n, k, stride, begin, total - begin, o);
                    }

                    return (Same(s.Height, keh, sh), Same(s.Width, kew, sw));
                }

                default:
                    Problem(node, "auto_pad = " + autoPad, "unknown auto_pad");
                    return null;
            }
        }

        /// <summary>
        /// How a window op's padding is written in Keras terms: Valid, Same, or explicit zero padding (a ZeroPadding2D
        /// layer, whose index is returned as the new input) followed by Valid.
        /// </summary>
        private (Padding Padding, Act Input)? Padding(NodeProto node, Act x, Axis h, Axis w, bool zeroPaddingAllowed, string whyNot)
        {
            if (h.IsValid && w.IsValid)
            {
                return (ConvGen.Padding.Valid, x);
            }

            if (h.IsTfSame && w.IsTfSame)
            {
                return (ConvGen.Padding.Same, x);
            }

            if (!zeroPaddingAllowed)
            {
                Problem(node, $"pads = [{h.PadBegin}, {w.PadBegin}, {h.PadEnd}, {w.PadEnd}]", whyNot);
                return null;
            }

            int layer = AddLayer(LayerSpec.ZeroPadding2D(h.PadBegin, Math.Max(h.EndReach, 0), w.PadBegin, Math.Max(w.EndReach, 0)), new[] { x.Layer }, Array.Empty<float[]>(), node);
            return (ConvGen.Padding.Valid, x with { Layer = layer });
        }

        private object? Conv(NodeProto node, Act x, object?[] inputs)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            if (inputs[1] is not ConstTensor w || w.Dims.Length != 4)
            {
                return Fail(node, "W", "the kernel must be a 4-D constant (a 2-D convolution)");
            }

            float[]? bias = inputs.Length > 2 && inputs[2] is ConstTensor b ? b.AsFloats() : null;
            if (inputs.Length > 2 && inputs[2] is Act)
            {
                return Fail(node, "B", "the bias must be a constant");
            }

            int channels = ShapeOf(x).Channels, group = (int)node.Int("group", 1);
            int m = (int)w.Dims[0], cg = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
            long[] dil = node.Ints("dilations") ?? new long[] { 1, 1 };
            if (cg * group != channels || m % group != 0)
            {
                return Fail(node, $"W [{string.Join(", ", w.Dims)}], group = {group}", $"does not fit the {channels} input channels");
            }

            if (Geometry(node, x, kh, kw, (int)dil[0], (int)dil[1]) is not var (gh, gw))
            {
                return null;
            }

            if (Padding(node, x, gh, gw, true, string.Empty) is not var (padding, input))
            {
                return null;
            }

            float[] weights = w.AsFloats();
            int sh = gh.Stride, sw = gw.Stride, dh = (int)dil[0], dw = (int)dil[1];
            LayerSpec spec;
            float[] kernel;
            if (group > 1 && group == channels)
            {
                // Depthwise: ONNX output channel c * multiplier + j is ConvGen's too; kernel [kh, kw, in, multiplier].
                int mult = m / channels;
                kernel = new float[weights.Length];
                for (int y = 0; y < kh; y++)
                {
                    for (int xx = 0; xx < kw; xx++)
                    {
                        for (int c = 0; c < channels; c++)
                        {
                            for (int j = 0; j < mult; j++)
                            {
                                kernel[((y * kw + xx) * channels + c) * mult + j] = weights[((c * mult + j) * kh + y) * kw + xx];
                            }
                        }
                    }
                }

                spec = LayerSpec.DepthwiseConv2D(kh, kw, mult, sh, sw, padding, dh, dw, bias is not null);
            }
            else
            {
                // [out, in / group, kh, kw] → [kh, kw, in / group, out]; ONNX's groups are Keras' consecutive channel blocks.
                kernel = new float[weights.Length];
                for (int o = 0; o < m; o++)
                {
                    for (int i = 0; i < cg; i++)
                    {
                        for (int y = 0; y < kh; y++)
                        {
                            for (int xx = 0; xx < kw; xx++)
                            {
                                kernel[((y * kw + xx) * cg + i) * m + o] = weights[((o * cg + i) * kh + y) * kw + xx];
                            }
                        }
                    }
                }

                spec = LayerSpec.Conv2D(m, kh, kw, sh, sw, padding, dh, dw, bias is not null, groups: group);
            }

            if (bias is not null && bias.Length != m)
            {
                return Fail(node, $"B of {bias.Length}", $"expects {m} values");
            }

            int layer = AddLayer(spec, new[] { input.Layer }, bias is null ? new[] { kernel } : new[] { kernel, bias }, node);
            return new Act(layer, ActLayout.Nchw);
        }

        private object? ConvTranspose(NodeProto node, Act x, object?[] inputs)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            if (inputs[1] is not ConstTensor w || w.Dims.Length != 4)
            {
                return Fail(node, "W", "the kernel must be a 4-D constant (a 2-D transposed convolution)");
            }

            float[]? bias = inputs.Length > 2 && inputs[2] is ConstTensor b ? b.AsFloats() : null;
            int channels = ShapeOf(x).Channels, group = (int)node.Int("group", 1);
            long[] dil = node.Ints("dilations") ?? new long[] { 1, 1 };
            if (group != 1)
            {
                return Fail(node, "group = " + group, "grouped transposed convolutions are not supported");
            }

            if (dil.Any(d => d != 1))
            {
                return Fail(node, "dilations = " + Text(dil), "ConvGen's Conv2DTranspose supports dilation 1 only");
            }

            if (node.Ints("output_shape") is not null || node.String("auto_pad", "NOTSET") != "NOTSET")
            {
                return Fail(node, node.Ints("output_shape") is { } os ? "output_shape = " + Text(os) : "auto_pad = " + node.String("auto_pad", "NOTSET"), "export with explicit pads and output_padding");
            }

            int filters = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
            if (w.Dims[0] != channels)
            {
                return Fail(node, $"W [{string.Join(", ", w.Dims)}]", $"does not fit the {channels} input channels");
            }

            long[] strides = node.Ints("strides") ?? new long[] { 1, 1 };
            long[] pads = node.Ints("pads") ?? new long[4];
            long[] outputPadding = node.Ints("output_padding") ?? new long[2];
            TensorShape s = ShapeOf(x);

            // ONNX: the full output (in - 1) * s + k, cropped by pads at the start, by pads - output_padding at the end
            // (output_padding beyond the pads adds cells that receive only the bias). Keras: Valid = no crop (plus s - k
            // bias-only cells when k < s), Same = in * s with floor(half) of max(k - s, 0) cropped first.
            (int Out, int Crop) Onnx(int n, int k, int st, long pb, long pe, long op) => ((n - 1) * st + k - (int)pb - (int)pe + (int)op, (int)pb);
            (int Out, int Crop) Keras(int n, int k, int st, Padding p) => p == ConvGen.Padding.Valid ? (n * st + Math.Max(k - st, 0), 0) : (n * st, Math.Max(k - st, 0) / 2);
            var onnxH = Onnx(s.Height, kh, (int)strides[0], pads[0], pads[2], outputPadding[0]);
            var onnxW = Onnx(s.Width, kw, (int)strides[1], pads[1], pads[3], outputPadding[1]);
            Padding? padding = null;
            foreach (Padding p in new[] { ConvGen.Padding.Valid, ConvGen.Padding.Same })
            {
                if (Keras(s.Height, kh, (int)strides[0], p) == onnxH && Keras(s.Width, kw, (int)strides[1], p) == onnxW)
                {
                    padding = p;
                    break;
                }
            }

            // Neither: Conv2DTranspose Valid, whose output cell p is the full output's cell p (bias-only cells at the end
            // when k < s), then Cropping2D keeps ONNX's window [pad_begin, pad_begin + out). That needs the ONNX output to end
            // within Keras' valid output: output_padding beyond pad_end adds cells there only when k < s.
            int[]? crop = null;
            if (padding is null)
            {
                var validH = Keras(s.Height, kh, (int)strides[0], ConvGen.Padding.Valid);
                var validW = Keras(s.Width, kw, (int)strides[1], ConvGen.Padding.Valid);
                int bottom = validH.Out - onnxH.Crop - onnxH.Out, right = validW.Out - onnxW.Crop - onnxW.Out;
                if (onnxH.Out < 1 || onnxW.Out < 1 || onnxH.Crop < 0 || onnxW.Crop < 0 || bottom < 0 || right < 0)
                {
                    return Fail(node, $"pads = {Text(pads)}, output_padding = {Text(outputPadding)}",
                        $"gives output {onnxH.Out}x{onnxW.Out} from top/left crop {onnxH.Crop}/{onnxW.Crop}, which does not lie within the {validH.Out}x{validW.Out} output of Keras' valid Conv2DTranspose (output_padding larger than the end pads with kernel >= stride adds bias-only cells Keras has no layer for)");
                }

                padding = ConvGen.Padding.Valid;
                crop = new[] { onnxH.Crop, bottom, onnxW.Crop, right };
            }

            // ONNX [in, out, kh, kw] → Keras [kh, kw, out, in] (no flip: both scatter x[i] * w[k] to output i * s + k - pad).
            float[] weights = w.AsFloats();
            var kernel = new float[weights.Length];
            for (int i = 0; i < channels; i++)
            {
                for (int o = 0; o < filters; o++)
                {
                    for (int y = 0; y < kh; y++)
                    {
                        for (int xx = 0; xx < kw; xx++)
                        {
                            kernel[((y * kw + xx) * filters + o) * channels + i] = weights[((i * filters + o) * kh + y) * kw + xx];
                        }
                    }
                }
            }

            LayerSpec spec = LayerSpec.Conv2DTranspose(filters, kh, kw, (int)strides[0], (int)strides[1], padding.Value, bias is not null);
            int layer = AddLayer(spec, new[] { x.Layer }, bias is null ? new[] { kernel } : new[] { kernel, bias }, node);
            if (crop is not null)
            {
                layer = AddLayer(LayerSpec.Cropping2D(crop[0], crop[1], crop[2], crop[3]), new[] { layer }, Array.Empty<float[]>(), node);
            }

            return new Act(layer, ActLayout.Nchw);
        }

        private object? Pool(NodeProto node, Act x)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            bool max = node.OpType == "MaxPool";
            long[] k = node.Ints("kernel_shape") ?? Array.Empty<long>();
            long[] dil = node.Ints("dilations") ?? new long[] { 1, 1 };
            if (k.Length != 2)
            {
                return Fail(node, "kernel_shape = " + Text(k), "only 2-D pooling is supported");
            }

            if (dil.Any(d => d != 1))
            {
                return Fail(node, "dilations = " + Text(dil), "ConvGen's pooling has no dilation");
            }

            if (Geometry(node, x, (int)k[0], (int)k[1], 1, 1) is not var (h, w))
            {
                return null;
            }

            LayerSpec Make(Padding p) => max ? LayerSpec.MaxPool2D(h.Window, w.Window, h.Stride, w.Stride, p) : LayerSpec.AvgPool2D(h.Window, w.Window, h.Stride, w.Stride, p);

            if (max)
            {
                // TF's max pooling ignores padded cells like ONNX's; other pads become zero padding, which equals -inf
                // padding only when the input cannot be negative (after ReLU, ReLU6, sigmoid, ...).
                if (Padding(node, x, h, w, x.NonNegative, "max pooling with padding that is not TF 'same' is only imported after a non-negative activation (ReLU, ReLU6, Sigmoid), where zero padding gives the same maximum") is not var (p, input))
                {
                    return null;
                }

                int layer = AddLayer(Make(p), new[] { input.Layer }, Array.Empty<float[]>(), node);
                return new Act(layer, ActLayout.Nchw, NonNegative: x.NonNegative);
            }

            bool countPads = node.Int("count_include_pad", 0) != 0;
            if (!countPads)
            {
                // TF divides by the cells inside the image, as count_include_pad = 0 does.
                if (Padding(node, x, h, w, false, "average pooling that excludes the padding (count_include_pad = 0) matches TF only with TF 'same' pads") is not var (p, _))
                {
                    return null;
                }

                return new Act(AddLayer(Make(p), new[] { x.Layer }, Array.Empty<float[]>(), node), ActLayout.Nchw, NonNegative: x.NonNegative);
            }

            // count_include_pad = 1 (PyTorch's default): the declared pads are counted, so they become zero padding; cells
            // that ceil_mode adds past them are not counted, which is TF "same" when they all fall at the end.
            Act padded = x;
            if (h.PadBegin + h.PadEnd + w.PadBegin + w.PadEnd > 0)
            {
                padded = x with { Layer = AddLayer(LayerSpec.ZeroPadding2D(h.PadBegin, h.PadEnd, w.PadBegin, w.PadEnd), new[] { x.Layer }, Array.Empty<float[]>(), node) };
            }

            Axis hp = h with { In = h.In + h.PadBegin + h.PadEnd, PadBegin = 0, PadEnd = 0 }, wp = w with { In = w.In + w.PadBegin + w.PadEnd, PadBegin = 0, PadEnd = 0 };
            if (Padding(node, padded, hp, wp, false, "ceil_mode adds cells that are not counted on both sides; TF cannot express it") is not var (pad2, _))
            {
                return null;
            }

            return new Act(AddLayer(Make(pad2), new[] { padded.Layer }, Array.Empty<float[]>(), node), ActLayout.Nchw, NonNegative: x.NonNegative);
        }

        private object? GlobalPool(NodeProto node, Act x, bool average, bool keepDims)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            int layer = AddLayer(average ? LayerSpec.GlobalAveragePooling2D() : LayerSpec.GlobalMaxPooling2D(), new[] { x.Layer }, Array.Empty<float[]>(), node);
            return new Act(layer, keepDims ? ActLayout.Pooled : ActLayout.Flat, NonNegative: x.NonNegative);
        }

        private object? Reduce(NodeProto node, Act x, object?[] inputs)
        {
            long[]? axes = node.Ints("axes") ?? (inputs.Length > 1 && inputs[1] is ConstTensor a ? a.AsInts() : null);
            bool keepDims = node.Int("keepdims", 1) != 0;
            long[] sorted = (axes ?? Array.Empty<long>()).Select(v => v < 0 ? v + 4 : v).OrderBy(v => v).ToArray();
            if (x.Layout != ActLayout.Nchw || !sorted.SequenceEqual(new long[] { 2, 3 }))
            {
                return Fail(node, "axes = " + (axes is null ? "all" : Text(axes)), "only the mean or maximum over H and W (axes [2, 3] of NCHW) is supported");
            }

            return GlobalPool(node, x, node.OpType == "ReduceMean", keepDims);
        }

        private object? Resize(NodeProto node, Act x, object?[] inputs)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            TensorShape s = ShapeOf(x);
            // Resize(X, roi, scales, sizes) from opset 11; Upsample(X, scales).
            ConstTensor? scales = node.OpType == "Upsample" ? inputs.ElementAtOrDefault(1) as ConstTensor : inputs.ElementAtOrDefault(2) as ConstTensor;
            ConstTensor? sizes = node.OpType == "Upsample" ? null : inputs.ElementAtOrDefault(3) as ConstTensor;
            int fh, fw;
            if (sizes is { Length: 4 })
            {
                long[] z = sizes.AsInts();
                if (z[0] != 1 || z[1] != s.Channels || z[2] % s.Height != 0 || z[3] % s.Width != 0)
                {
                    return Fail(node, "sizes = " + Text(z), $"only whole-number enlargements of the {s.Height}x{s.Width} image are supported");
                }

                (fh, fw) = ((int)(z[2] / s.Height), (int)(z[3] / s.Width));
            }
            else if (scales is { Length: 4 })
            {
                float[] f = scales.AsFloats();
                if (f[0] != 1f || f[1] != 1f || f[2] < 1f || f[3] < 1f || f[2] != MathF.Floor(f[2]) || f[3] != MathF.Floor(f[3]))
                {
                    return Fail(node, "scales = [" + string.Join(", ", f.Select(Text)) + "]", "only whole-number enlargements of H and W are supported");
                }

                (fh, fw) = ((int)f[2], (int)f[3]);
            }
            else
            {
                return Fail(node, "scales/sizes", "the scale must be a constant [1, 1, sh, sw] (export with a fixed scale_factor)");
            }

            string mode = node.String("mode", "nearest"), transform = node.String("coordinate_transformation_mode", "half_pixel"), nearest = node.String("nearest_mode", "round_prefer_floor");
            Interpolation interpolation;
            if (mode == "nearest")
            {
                // Keras repeats each pixel: source floor(o / f). ONNX gives it with asymmetric + floor, and with half-pixel
                // centers and rounding for any whole factor (the offset (r + 0.5) / f - 0.5 stays inside (-0.5, 0.5)).
                bool ok = (transform == "asymmetric" && nearest == "floor") || (transform is "half_pixel" or "pytorch_half_pixel" && nearest is "round_prefer_floor" or "round_prefer_ceil");
                if (node.OpType == "Upsample")
                {
                    ok = true;
                }

                if (!ok)
                {
                    return Fail(node, $"coordinate_transformation_mode = {transform}, nearest_mode = {nearest}", "picks other source pixels than Keras' nearest UpSampling2D");
                }

                interpolation = Interpolation.Nearest;
            }
            else if (mode is "linear" or "bilinear")
            {
                if (transform == "align_corners")
                {
                    return Fail(node, "coordinate_transformation_mode = align_corners", "TF2's bilinear resize uses half-pixel centers; export with align_corners=False");
                }

                if (transform is not ("half_pixel" or "pytorch_half_pixel") || node.OpType == "Upsample")
                {
                    return Fail(node, "coordinate_transformation_mode = " + transform, "only half-pixel bilinear (TF2 tf.image.resize, PyTorch align_corners=False) is supported");
                }

                interpolation = Interpolation.Bilinear;
            }
            else
            {
                return Fail(node, "mode = " + mode, "only nearest and bilinear upsampling are supported");
            }

            if (fh == 1 && fw == 1)
            {
                return x;
            }

            int layer = AddLayer(LayerSpec.UpSampling2D(fh, fw, interpolation), new[] { x.Layer }, Array.Empty<float[]>(), node);
            return x with { Layer = layer };
        }

        private object? Pad(NodeProto node, Act x, object?[] inputs)
        {
            if (!RequireSpatial(node, x))
            {
                return null;
            }

            string mode = node.String("mode", "constant");
            long[]? pads = node.Ints("pads") ?? (inputs.ElementAtOrDefault(1) as ConstTensor)?.AsInts();
            float value = node.Attribute("value") is { } v ? v.F : (inputs.ElementAtOrDefault(2) as ConstTensor)?.AsFloats()[0] ?? 0f;
            if (inputs.ElementAtOrDefault(3) is ConstTensor axesTensor)
            {
                long[] axes = axesTensor.AsInts().Select(a => a < 0 ? a + 4 : a).ToArray();
                var full = new long[8];
                for (int i = 0; i < axes.Length && pads is not null; i++)
                {
                    full[axes[i]] = pads[i];
                    full[axes[i] + 4] = pads[i + axes.Length];
                }

                pads = full;
            }

            if (mode != "constant" || value != 0f)
            {
                return Fail(node, mode != "constant" ? "mode = " + mode : "value = " + Text(value), "ConvGen pads with zeros only (ZeroPadding2D)");
            }

            if (pads is null || pads.Length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads.Any(p => p < 0))
            {
                return Fail(node, "pads = " + (pads is null ? "computed" : Text(pads)), "only constant, non-negative padding of H and W is supported");
            }

            if (pads.All(p => p == 0))
            {
                return x; // PyTorch writes a no-op Pad before some AveragePools
            }

            int layer = AddLayer(LayerSpec.ZeroPadding2D((int)pads[2], (int)pads[6], (int)pads[3], (int)pads[7]), new[] { x.Layer }, Array.Empty<float[]>(), node);
            return x with { Layer = layer };
        }
    }
}
