using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// Draws random valid networks and writes each as C# attributes in varied but equivalent argument forms
    /// (kernelSize or kernelHeight/kernelWidth, Stride or StrideHeight/StrideWidth, defaults spelled out or left out),
    /// written here independently of the library's own renderer. Networks use every layer kind and activation, and
    /// graphs: residual Adds, Concatenate skips (either order), layers reading older layers by written or automatic name.
    /// </summary>
    public static class RandomNetworks
    {
        private static readonly Activation[] Activations = (Activation[])Enum.GetValues(typeof(Activation));

        /// <summary>One random network.</summary>
        /// <param name="r">The source of randomness.</param>
        /// <param name="narrowBlocks">
        /// Whether a tenth of the networks start with a first block the generator runs as narrow Winograd (the inference
        /// equivalence tests); the trainer and ONNX Runtime tests keep the draws their coverage assertions were made on.
        /// </param>
        public static NetworkSpec Draw(Random r, bool narrowBlocks = false)
        {
            while (true)
            {
                int h = Pick(r, 1, 2, 3, 5, 7, 8, 9, 11, 12), w = r.Next(4) == 0 ? h : Pick(r, 1, 3, 4, 6, 7, 10, 13);
                int c = Pick(r, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16);
                int start = r.Next(10);
                bool winogradSized = start < 2;
                if (start == 0)
                {
                    // An image for Winograd F(4x4, 3x3) (8 or more a side) with channels enough, within the size limit.
                    (h, w, c) = (Pick(r, 8, 9, 10), Pick(r, 8, 9, 10), 16);
                }
                else if (start == 1)
                {
                    // A small image of a wide layer, for Winograd F(2x2, 3x3) (4 or 5 a side, 96-160 channels).
                    (h, w, c) = (Pick(r, 4, 5), Pick(r, 4, 5), Pick(r, 96, 128));
                }

                else if (start == 2 && narrowBlocks)
                {
                    // An RGB or RGBA image for the narrow Winograd kernel (a 3x3 convolution on 3-4 channels with a 2x2 pool).
                    (h, w, c) = (Pick(r, 8, 9, 11, 12), Pick(r, 8, 10, 13), Pick(r, 3, 4));
                }

                var draft = new Draft(h, w, c);
                if (winogradSized)
                {
                    DrawWinograd(r, draft, fiveByFive: narrowBlocks && r.Next(3) == 0);
                }
                else if (start == 2 && narrowBlocks)
                {
                    DrawNarrow(r, draft);
                }

                int spatial = r.Next(1, 6);
                for (int i = 0; i < spatial && draft.Shape.Rank == 3; i++)
                {
                    if (r.Next(6) == 0)
                    {
                        DrawWinograd(r, draft, fiveByFive: narrowBlocks && r.Next(3) == 0);
                        continue;
                    }

                    if (r.Next(5) == 0)
                    {
                        DrawBranch(r, draft);
                        continue;
                    }

                    if (r.Next(6) == 0)
                    {
                        DrawMobileBlock(r, draft);
                        continue;
                    }

                    if (narrowBlocks && r.Next(8) == 0)
                    {
                        DrawZeroSkipping(r, draft);
                        continue;
                    }

                    for (int attempt = 0; attempt < 20; attempt++)
                    {
                        LayerSpec layer = DrawSpatial(r, draft.Shape);
                        if (draft.TryAdd(layer))
                        {
                            if (layer.Kind == LayerKind.Conv2D && layer.Groups == 1 && r.Next(3) == 0)
                            {
                                // A pool right after a convolution, stride = window: the generator may compute it inside the convolution.
                                int ph = r.Next(1, 4), pw = r.Next(3) == 0 ? r.Next(1, 4) : ph;
                                draft.TryAdd(r.Next(2) == 0 ? LayerSpec.MaxPool2D(ph, pw) : LayerSpec.AvgPool2D(ph, pw));
                            }

                            break;
                        }
                    }
                }

                if (r.Next(3) > 0)
                {
                    draft.TryAdd(r.Next(4) == 0 ? Global(r) : LayerSpec.Flatten());
                    int dense = r.Next(1, 3);
                    for (int i = 0; i < dense; i++)
                    {
                        Activation act = RandomActivation(r);
                        bool batchNorm = r.Next(4) == 0;
                        draft.TryAdd(LayerSpec.Dense(Pick(r, 1, 3, 4, 5, 8, 10, 16, 17), r.Next(5) > 0, batchNorm ? Activation.Linear : act, Slope(r, act)));
                        if (batchNorm)
                        {
                            draft.TryAdd(LayerSpec.BatchNormalization());
                        }
                    }
                }

                if (r.Next(4) == 0)
                {
                    Activation act = RandomActivation(r);
                    draft.TryAdd(LayerSpec.ActivationLayer(act, Slope(r, act)));
                }

                NetworkSpec spec = draft.Spec;
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                if (draft.Layers.Count > 0 && !analysis.HasErrors && analysis.LargestTensorLength <= 4096)
                {
                    return spec;
                }
            }
        }

        /// <summary>A network being drawn: layers so far and the current output shape.</summary>
        private sealed class Draft
        {
            private readonly int _h, _w, _c;

            public Draft(int h, int w, int c)
            {
                _h = h;
                _w = w;
                _c = c;
                Shape = new TensorShape(h, w, c);
            }

            public List<LayerSpec> Layers { get; } = new();

            public TensorShape Shape { get; private set; }

            public NetworkSpec Spec => new(_h, _w, _c, Layers);

            /// <summary>Appends the layer when the network stays valid and small.</summary>
            public bool TryAdd(LayerSpec layer)
            {
                var analysis = ShapeInference.Analyze(new NetworkSpec(_h, _w, _c, Layers.Append(layer)));
                if (analysis.HasErrors || analysis.LargestTensorLength > 4096)
                {
                    return false;
                }

                Layers.Add(layer);
                Shape = analysis.OutputShape;
                return true;
            }

            /// <summary>Drops the layers after the first <paramref name="count"/> (an abandoned branch) and restores the shape.</summary>
            public void Truncate(int count)
            {
                Layers.RemoveRange(count, Layers.Count - count);
                Shape = Layers.Count == 0 ? new TensorShape(_h, _w, _c) : ShapeInference.Analyze(Spec).OutputShape;
            }

            /// <summary>
            /// A name for the current output: the network input, the last layer's automatic name, or a written name
            /// (given to the last layer now).
            /// </summary>
            public string NameCurrent(Random r)
            {
                if (Layers.Count == 0)
                {
                    return "input";
                }

                LayerSpec last = Layers[^1];
                if (last.Name is null && r.Next(2) == 0)
                {
                    return ShapeInference.LayerNames(Spec)[^1];
                }

                if (last.Name is null)
                {
                    Layers[^1] = last with { Name = "t" + Layers.Count.ToString(CultureInfo.InvariantCulture) };
                }

                return Layers[^1].Name!;
            }
        }

        /// <summary>A branch off the current tensor T, merged back: Add(T, branch) with a shape-keeping branch, or Concatenate in either order.</summary>
        private static void DrawBranch(Random r, Draft draft)
        {
            TensorShape t = draft.Shape;
            string trunk = draft.NameCurrent(r);
            bool add = r.Next(2) == 0;
            int filters = add ? t.Channels : Pick(r, 1, 2, 3, 4, 5, 8);
            int before = draft.Layers.Count;
            Activation act = RandomActivation(r);
            bool batchNorm = r.Next(2) == 0;
            int k = r.Next(1, 4);
            LayerSpec branch = r.Next(3) switch
            {
                0 => LayerSpec.Conv2D(filters, k, k, padding: Padding.Same, activation: batchNorm ? Activation.Linear : act, negativeSlope: Slope(r, act)),
                1 => LayerSpec.SeparableConv2D(filters, k, k, padding: Padding.Same, activation: batchNorm ? Activation.Linear : act, negativeSlope: Slope(r, act)),
                _ => LayerSpec.Conv2D(filters, 1, 1, useBias: r.Next(2) == 0, activation: batchNorm ? Activation.Linear : act, negativeSlope: Slope(r, act)),
            };
            if (!draft.TryAdd(branch with { Inputs = new[] { trunk } }))
            {
                return;
            }

            if (batchNorm)
            {
                draft.TryAdd(LayerSpec.BatchNormalization(r.Next(2) == 0 ? LayerSpec.DefaultEpsilon : 0.01f));
                if (r.Next(2) == 0)
                {
                    draft.TryAdd(LayerSpec.ActivationLayer(act, Slope(r, act))); // conv + BN + activation: one generated step
                }
            }

            string side = draft.NameCurrent(r);
            LayerSpec merge = add
                ? LayerSpec.Add(r.Next(2) == 0 ? new[] { trunk, side } : new[] { side, trunk })
                : LayerSpec.Concatenate(r.Next(2) == 0 ? new[] { trunk, side } : new[] { side, trunk, trunk }.Take(r.Next(2, 4)).ToArray());
            if (!draft.TryAdd(merge))
            {
                draft.Truncate(before);
                return;
            }

            if (add && r.Next(2) == 0)
            {
                Activation after = RandomActivation(r);
                draft.TryAdd(LayerSpec.ActivationLayer(after, Slope(r, after)));
            }
        }

        /// <summary>
        /// A 3x3, stride-1 convolution with enough channels that the generator may run it as Winograd: F(4x4, 3x3) on
        /// 8 or more pixels a side, F(2x2, 3x3) on smaller images of wide layers (128-160 filters). A 1x1 convolution widens a
        /// narrower tensor first. With its own activation, or linear with a BatchNormalization (and often an Activation
        /// layer) folded and fused into it. With <paramref name="fiveByFive"/>, a 5x5 convolution of 32-40 filters instead, for
        /// F(2x2, 5x5) (sometimes dilated); the draws without it are as they were.
        /// </summary>
        private static void DrawWinograd(Random r, Draft draft, bool fiveByFive = false)
        {
            if (fiveByFive)
            {
                DrawWinograd5x5(r, draft);
                return;
            }

            int before = draft.Layers.Count;
            bool wide = Math.Min(draft.Shape.Height, draft.Shape.Width) < 8;
            int least = wide ? 96 : 16;
            if (draft.Shape.Channels < least && !draft.TryAdd(LayerSpec.Conv2D(wide ? 128 : Pick(r, 16, 24), 1, 1)))
            {
                return;
            }

            Activation act = r.Next(4) == 0 ? RandomActivation(r) : new[] { Activation.Linear, Activation.ReLU, Activation.ReLU6 }[r.Next(3)];
            bool batchNorm = r.Next(3) == 0;
            var padding = r.Next(3) == 0 ? Padding.Valid : Padding.Same;
            int filters = wide ? Pick(r, 128, 160) : Pick(r, 24, 32, 33, 40);
            LayerSpec conv = LayerSpec.Conv2D(filters, 3, 3, padding: padding, useBias: r.Next(4) > 0, activation: batchNorm ? Activation.Linear : act, negativeSlope: Slope(r, act));
            if (!draft.TryAdd(conv))
            {
                draft.Truncate(before);
                return;
            }

            if (batchNorm && draft.TryAdd(LayerSpec.BatchNormalization(r.Next(2) == 0 ? LayerSpec.DefaultEpsilon : 0.01f)) && r.Next(3) > 0)
            {
                draft.TryAdd(LayerSpec.ActivationLayer(act, Slope(r, act)));
            }
        }

        /// <summary>
        /// A 5x5, stride-1 convolution the generator may run as Winograd F(2x2, 5x5): 16 or more channels in (a 1x1
        /// convolution widens a narrower tensor first), 32-40 filters, either padding, now and then dilation 2 along one or
        /// both axes, with its own activation or a folded BatchNormalization.
        /// </summary>
        private static void DrawWinograd5x5(Random r, Draft draft)
        {
            int before = draft.Layers.Count;
            if (draft.Shape.Channels < 16 && !draft.TryAdd(LayerSpec.Conv2D(Pick(r, 16, 20), 1, 1)))
            {
                return;
            }

            Activation act = r.Next(4) == 0 ? RandomActivation(r) : new[] { Activation.Linear, Activation.ReLU, Activation.ReLU6 }[r.Next(3)];
            bool batchNorm = r.Next(3) == 0;
            var padding = r.Next(3) == 0 ? Padding.Valid : Padding.Same;
            int dh = r.Next(4) == 0 ? 2 : 1, dw = r.Next(4) == 0 ? 2 : 1;
            LayerSpec conv = LayerSpec.Conv2D(Pick(r, 32, 33, 40), 5, 5, padding: padding, dilationHeight: dh, dilationWidth: dw, useBias: r.Next(4) > 0,
                activation: batchNorm ? Activation.Linear : act, negativeSlope: Slope(r, act));
            if (!draft.TryAdd(conv))
            {
                draft.Truncate(before);
                return;
            }

            if (batchNorm && draft.TryAdd(LayerSpec.BatchNormalization()) && r.Next(3) > 0)
            {
                draft.TryAdd(LayerSpec.ActivationLayer(act, Slope(r, act)));
            }
        }

        /// <summary>
        /// A first block the generator runs as narrow Winograd (NarrowWinogradConvolution, where Vector256 is the widest
        /// vector): a 3x3, stride-1 convolution on the image's 3-4 channels, same or valid, 9-24 filters, Linear, ReLU or
        /// ReLU6 (in the layer, or through a folded BatchNormalization and an Activation layer), then a 2x2 max or average pool.
        /// </summary>
        private static void DrawNarrow(Random r, Draft draft)
        {
            int before = draft.Layers.Count;
            Activation act = new[] { Activation.Linear, Activation.ReLU, Activation.ReLU6 }[r.Next(3)];
            bool batchNorm = r.Next(3) == 0;
            var padding = Math.Min(draft.Shape.Height, draft.Shape.Width) >= 10 && r.Next(3) == 0 ? Padding.Valid : Padding.Same;
            if (!draft.TryAdd(LayerSpec.Conv2D(Pick(r, 9, 16, 17, 24), 3, 3, padding: padding, useBias: r.Next(4) > 0, activation: batchNorm ? Activation.Linear : act)))
            {
                draft.Truncate(before);
                return;
            }

            if (batchNorm && draft.TryAdd(LayerSpec.BatchNormalization()))
            {
                draft.TryAdd(LayerSpec.ActivationLayer(act));
            }

            draft.TryAdd(r.Next(2) == 0 ? LayerSpec.MaxPool2D(2, 2) : LayerSpec.AvgPool2D(2, 2));
        }

        /// <summary>
        /// A depthwise convolution read by a pointwise Conv2D (the MobileNet block), which the generator may compute band by
        /// band inside the 1x1: kernel 3 (sometimes 2 or 5), stride 1 or 2, same or valid, multiplier 1 or 2, with its own
        /// activation or a BatchNormalization (and often an Activation layer, mostly ReLU6) folded and fused into it; the
        /// 1x1 likewise. Now and then a SeparableConv2D instead (the same pair, split by the generator).
        /// </summary>
        private static void DrawMobileBlock(Random r, Draft draft)
        {
            int before = draft.Layers.Count;
            int k = Pick(r, 3, 3, 3, 2, 5), stride = r.Next(3) == 0 ? 2 : 1, multiplier = r.Next(3) == 0 ? 2 : 1;
            var padding = r.Next(3) == 0 ? Padding.Valid : Padding.Same;
            int filters = Pick(r, 3, 5, 8, 13, 16, 19, 24, 36);
            Activation Act() => r.Next(2) == 0 ? Activation.ReLU6 : RandomActivation(r);
            if (r.Next(6) == 0)
            {
                Activation act = Act();
                draft.TryAdd(LayerSpec.SeparableConv2D(filters, k, k, multiplier, stride, stride, padding, useBias: r.Next(2) == 0, activation: act, negativeSlope: Slope(r, act)));
                return;
            }

            int style = r.Next(3); // 0: own activation, 1: BN, 2: BN + Activation layer
            Activation depthwiseAct = Act();
            LayerSpec depthwise = LayerSpec.DepthwiseConv2D(k, k, multiplier, stride, stride, padding, useBias: style == 0 && r.Next(2) == 0,
                activation: style == 0 ? depthwiseAct : Activation.Linear, negativeSlope: Slope(r, depthwiseAct));
            if (!draft.TryAdd(depthwise))
            {
                return;
            }

            if (style > 0 && draft.TryAdd(LayerSpec.BatchNormalization()) && style == 2)
            {
                draft.TryAdd(LayerSpec.ActivationLayer(depthwiseAct, Slope(r, depthwiseAct)));
            }

            bool batchNorm = r.Next(2) == 0;
            Activation pointwiseAct = r.Next(3) == 0 ? Activation.Linear : Act();
            if (!draft.TryAdd(LayerSpec.Conv2D(filters, 1, 1, useBias: !batchNorm && r.Next(2) == 0, activation: batchNorm ? Activation.Linear : pointwiseAct, negativeSlope: Slope(r, pointwiseAct))))
            {
                draft.Truncate(before);
                return;
            }

            if (batchNorm && draft.TryAdd(LayerSpec.BatchNormalization()) && r.Next(3) > 0)
            {
                draft.TryAdd(LayerSpec.ActivationLayer(pointwiseAct, Slope(r, pointwiseAct)));
            }
        }

        /// <summary>
        /// A 1x1 convolution the generator may run skipping zero inputs (ZeroSkipping): it reads 48-100 channels of a ReLU's
        /// or ReLU6's output (a 1x1 or 3x3 convolution with that activation, or a depthwise one with a folded BatchNormalization
        /// and the activation, which the 1x1 then computes band by band), and has 16-130 filters (partial vectors, one block or
        /// several) with a random activation, or a folded BatchNormalization.
        /// </summary>
        private static void DrawZeroSkipping(Random r, Draft draft)
        {
            int before = draft.Layers.Count;
            Activation zeros = r.Next(2) == 0 ? Activation.ReLU : Activation.ReLU6;
            bool depthwise = r.Next(2) == 0;
            bool added = depthwise
                ? (draft.Shape.Channels >= 48 || draft.TryAdd(LayerSpec.Conv2D(Pick(r, 48, 64), 1, 1))) // widened by a linear 1x1 first
                    && draft.TryAdd(LayerSpec.DepthwiseConv2D(3, 3, padding: Padding.Same, useBias: false)) && draft.TryAdd(LayerSpec.BatchNormalization()) && draft.TryAdd(LayerSpec.ActivationLayer(zeros))
                : draft.TryAdd(LayerSpec.Conv2D(Pick(r, 48, 64, 72, 100), Pick(r, 1, 3), Pick(r, 1, 3), padding: Padding.Same, activation: zeros));
            Activation act = r.Next(3) == 0 ? Activation.Linear : RandomActivation(r);
            bool batchNorm = r.Next(3) == 0;
            if (!added || !draft.TryAdd(LayerSpec.Conv2D(Pick(r, 16, 24, 40, 64, 80, 130), 1, 1, useBias: !batchNorm, activation: batchNorm ? Activation.Linear : act, negativeSlope: Slope(r, act))))
            {
                draft.Truncate(before);
                return;
            }

            if (batchNorm && draft.TryAdd(LayerSpec.BatchNormalization()))
            {
                draft.TryAdd(LayerSpec.ActivationLayer(act, Slope(r, act)));
            }
        }

        private static LayerSpec Global(Random r) => r.Next(2) == 0 ? LayerSpec.GlobalAveragePooling2D() : LayerSpec.GlobalMaxPooling2D();

        private static LayerSpec DrawSpatial(Random r, TensorShape shape)
        {
            var padding = r.Next(2) == 0 ? Padding.Valid : Padding.Same;
            int kh = r.Next(1, 6), kw = r.Next(3) == 0 ? r.Next(1, 6) : kh;
            int sh = r.Next(1, 4), sw = r.Next(3) == 0 ? r.Next(1, 4) : sh;
            int dh = r.Next(1, 3), dw = r.Next(3) == 0 ? r.Next(1, 3) : dh;
            Activation act = RandomActivation(r);
            float slope = Slope(r, act);
            int filters = Pick(r, 1, 2, 3, 4, 5, 6, 8, 11, 16, 17, 20, 33);
            switch (r.Next(21))
            {
                case < 6:
                    int groups = r.Next(3) == 0 ? Divisor(r, shape.Channels) : 1;
                    if (groups > 1)
                    {
                        filters = groups * Pick(r, 1, 2, 3, 4, 5);
                    }

                    return LayerSpec.Conv2D(filters, kh, kw, sh, sw, padding, dh, dw, r.Next(5) > 0, act, slope, groups);
                case < 8:
                    return LayerSpec.DepthwiseConv2D(kh, kw, Pick(r, 1, 1, 2, 3), sh, sw, padding, dh, dw, r.Next(5) > 0, act, slope);
                case < 9:
                    return LayerSpec.SeparableConv2D(filters, kh, kw, Pick(r, 1, 1, 2), sh, sw, padding, dh, dw, r.Next(5) > 0, act, slope);
                case < 10:
                    return LayerSpec.Conv2DTranspose(filters, Math.Min(kh, 4), Math.Min(kw, 4), Math.Min(sh, 2), Math.Min(sw, 2), padding, r.Next(5) > 0, act, slope);
                case < 11:
                    return LayerSpec.BatchNormalization(r.Next(2) == 0 ? LayerSpec.DefaultEpsilon : 0.1f);
                case < 12:
                    return LayerSpec.ZeroPadding2D(r.Next(3), r.Next(3), r.Next(3), r.Next(3));
                case < 13:
                    // At least one row and column stays (a crop of everything is the CG0010 error, tested on its own).
                    int top = r.Next(Math.Min(3, shape.Height)), left = r.Next(Math.Min(3, shape.Width));
                    return LayerSpec.Cropping2D(top, r.Next(Math.Min(3, shape.Height - top)), left, r.Next(Math.Min(3, shape.Width - left)));
                case < 14:
                    return LayerSpec.UpSampling2D(r.Next(1, 4), r.Next(1, 4), r.Next(2) == 0 ? Interpolation.Nearest : Interpolation.Bilinear);
                case < 15:
                    return LayerSpec.Dropout(0.25f);
                case < 18:
                    int ph = r.Next(1, 4), pw = r.Next(3) == 0 ? r.Next(1, 4) : ph;
                    int psh = r.Next(2) == 0 ? ph : r.Next(1, 4), psw = r.Next(3) == 0 ? r.Next(1, 4) : psh;
                    return r.Next(2) == 0 ? LayerSpec.MaxPool2D(ph, pw, psh, psw, padding) : LayerSpec.AvgPool2D(ph, pw, psh, psw, padding);
                case < 19:
                    // Conv with a linear activation, so the BatchNormalization drawn right after can be folded into it.
                    return LayerSpec.Conv2D(filters, kh, kw, sh, sw, padding, dh, dw, r.Next(2) == 0);
                default:
                    return LayerSpec.ActivationLayer(act, slope);
            }
        }

        private static int Divisor(Random r, int n)
        {
            int[] divisors = Enumerable.Range(1, n).Where(d => n % d == 0).ToArray();
            return divisors[r.Next(divisors.Length)];
        }

        private static Activation RandomActivation(Random r) => Activations[r.Next(Activations.Length)];

        /// <summary>The negative-side coefficient: LeakyReLU's slope or ELU's alpha, random or the default; other activations keep LeakyReLU's default.</summary>
        private static float Slope(Random r, Activation activation) => activation switch
        {
            Activation.LeakyReLU => r.Next(2) == 0 ? LayerSpec.DefaultNegativeSlope : (float)Math.Round(r.NextDouble(), 2),
            Activation.ELU => r.Next(2) == 0 ? LayerSpec.DefaultAlpha : (float)Math.Round(r.NextDouble() * 2, 2),
            _ => LayerSpec.DefaultNegativeSlope,
        };

        private static int Pick(Random r, params int[] values) => values[r.Next(values.Length)];

        /// <summary>The network as a C# class declaration with ConvGen attributes.</summary>
        public static string ToSource(NetworkSpec spec, string className, Random r)
        {
            var lines = new List<string> { $"[ConvNet({N(spec.InputHeight)}, {N(spec.InputWidth)}, {N(spec.InputChannels)})]" };
            foreach (LayerSpec l in spec.Layers)
            {
                var args = new List<string>();
                string name = l.Kind.ToString();
                switch (l.Kind)
                {
                    case LayerKind.Conv2D:
                    case LayerKind.SeparableConv2D:
                    case LayerKind.DepthwiseConv2D:
                    case LayerKind.Conv2DTranspose:
                        if (l.Kind != LayerKind.DepthwiseConv2D)
                        {
                            args.Add(N(l.Units));
                        }

                        Kernel(args, r, l.KernelHeight, l.KernelWidth);
                        Pair(args, r, "Stride", l.StrideHeight, l.StrideWidth);
                        if (l.Kind != LayerKind.Conv2DTranspose)
                        {
                            Pair(args, r, "Dilation", l.DilationHeight, l.DilationWidth);
                        }

                        if (l.DepthMultiplier != 1 || (l.Kind is LayerKind.DepthwiseConv2D or LayerKind.SeparableConv2D && r.Next(4) == 0))
                        {
                            args.Add("DepthMultiplier = " + N(l.DepthMultiplier));
                        }

                        if (l.Groups != 1 || (l.Kind == LayerKind.Conv2D && r.Next(8) == 0))
                        {
                            args.Add("Groups = " + N(l.Groups));
                        }

                        if (l.Padding == Padding.Same || r.Next(3) == 0)
                        {
                            args.Add("Padding = Padding." + l.Padding);
                        }

                        if (!l.UseBias || r.Next(4) == 0)
                        {
                            args.Add("UseBias = " + (l.UseBias ? "true" : "false"));
                        }

                        ActivationArgs(args, r, l);
                        break;
                    case LayerKind.MaxPool2D:
                    case LayerKind.AvgPool2D:
                        Kernel(args, r, l.KernelHeight, l.KernelWidth);
                        if (l.StrideHeight != l.KernelHeight || l.StrideWidth != l.KernelWidth || r.Next(3) == 0)
                        {
                            Pair(args, r, "Stride", l.StrideHeight, l.StrideWidth, always: true);
                        }

                        if (l.Padding == Padding.Same || r.Next(3) == 0)
                        {
                            args.Add("Padding = Padding." + l.Padding);
                        }

                        break;
                    case LayerKind.Dense:
                        args.Add(N(l.Units));
                        if (!l.UseBias)
                        {
                            args.Add("UseBias = false");
                        }

                        ActivationArgs(args, r, l);
                        break;
                    case LayerKind.Activation:
                        args.Add("Activation." + l.Activation);
                        Coefficient(args, l);
                        break;
                    case LayerKind.BatchNormalization:
                        if (l.Epsilon != LayerSpec.DefaultEpsilon || r.Next(4) == 0)
                        {
                            args.Add("Epsilon = " + l.Epsilon.ToString("R", CultureInfo.InvariantCulture) + "f");
                        }

                        break;
                    case LayerKind.ZeroPadding2D:
                    case LayerKind.Cropping2D:
                        if (l.PadTop == l.PadBottom && l.PadBottom == l.PadLeft && l.PadLeft == l.PadRight && r.Next(2) == 0)
                        {
                            args.Add(N(l.PadTop));
                        }
                        else if (l.PadTop == l.PadBottom && l.PadLeft == l.PadRight && r.Next(2) == 0)
                        {
                            args.Add(N(l.PadTop));
                            args.Add(N(l.PadLeft));
                        }
                        else
                        {
                            args.AddRange(new[] { N(l.PadTop), N(l.PadBottom), N(l.PadLeft), N(l.PadRight) });
                        }

                        break;
                    case LayerKind.UpSampling2D:
                        Kernel(args, r, l.SizeHeight, l.SizeWidth);
                        if (l.Interpolation != Interpolation.Nearest || r.Next(3) == 0)
                        {
                            args.Add("Interpolation = Interpolation." + l.Interpolation);
                        }

                        break;
                    case LayerKind.Dropout:
                        args.Add(l.Rate.ToString("R", CultureInfo.InvariantCulture) + "f");
                        break;
                    case LayerKind.Add:
                    case LayerKind.Concatenate:
                        args.AddRange(l.Inputs.Select(i => $"\"{i}\""));
                        break;
                }

                if (l.Kind is not (LayerKind.Add or LayerKind.Concatenate) && l.Inputs.Count == 1)
                {
                    args.Add($"Input = \"{l.Inputs[0]}\"");
                }

                if (l.Name is not null)
                {
                    args.Add($"Name = \"{l.Name}\"");
                }

                lines.Add(args.Count == 0 ? $"[{name}]" : $"[{name}({string.Join(", ", args)})]");
            }

            return string.Join("\n", lines) + $"\npublic partial class {className} {{ }}\n";
        }

        private static void Kernel(List<string> args, Random r, int height, int width)
        {
            args.Add(N(height));
            if (height != width || r.Next(2) == 0)
            {
                args.Add(N(width));
            }
        }

        private static void ActivationArgs(List<string> args, Random r, LayerSpec l)
        {
            if (l.Activation != Activation.Linear || r.Next(4) == 0)
            {
                args.Add("Activation = Activation." + l.Activation);
            }

            Coefficient(args, l);
        }

        /// <summary>ELU's alpha is written as Alpha; any other non-default slope as NegativeSlope (it is carried either way).</summary>
        private static void Coefficient(List<string> args, LayerSpec l)
        {
            if (l.Activation == Activation.ELU)
            {
                if (l.Alpha != LayerSpec.DefaultAlpha)
                {
                    args.Add("Alpha = " + l.Alpha.ToString("R", CultureInfo.InvariantCulture) + "f");
                }
            }
            else if (l.NegativeSlope != LayerSpec.DefaultNegativeSlope)
            {
                args.Add("NegativeSlope = " + l.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + "f");
            }
        }

        private static void Pair(List<string> args, Random r, string name, int height, int width, bool always = false)
        {
            if (height == width)
            {
                if (height != 1 || always || r.Next(4) == 0)
                {
                    if (r.Next(3) == 0)
                    {
                        args.Add($"{name}Height = {N(height)}");
                        args.Add($"{name}Width = {N(width)}");
                    }
                    else
                    {
                        args.Add($"{name} = {N(height)}");
                    }
                }

                return;
            }

            if (r.Next(2) == 0)
            {
                args.Add($"{name} = {N(height)}"); // later, more specific assignment overrides one axis
                args.Add($"{name}Width = {N(width)}");
            }
            else
            {
                args.Add($"{name}Height = {N(height)}");
                args.Add($"{name}Width = {N(width)}");
            }
        }

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
