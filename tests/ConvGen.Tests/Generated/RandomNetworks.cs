using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// Draws random valid networks and writes each as C# attributes in varied but equivalent argument forms
    /// (kernelSize or kernelHeight/kernelWidth, Stride or StrideHeight/StrideWidth, defaults spelled out or left out),
    /// written here independently of the library's own renderer.
    /// </summary>
    public static class RandomNetworks
    {
        private static readonly Activation[] Activations = (Activation[])Enum.GetValues(typeof(Activation));

        public static NetworkSpec Draw(Random r)
        {
            while (true)
            {
                int h = Pick(r, 1, 2, 3, 5, 7, 8, 9, 11, 12), w = r.Next(4) == 0 ? h : Pick(r, 1, 3, 4, 6, 7, 10, 13);
                int c = Pick(r, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16);
                var layers = new List<LayerSpec>();
                TensorShape shape = new(h, w, c);
                int spatial = r.Next(1, 5);
                for (int i = 0; i < spatial; i++)
                {
                    LayerSpec? layer = null;
                    for (int attempt = 0; attempt < 20 && layer is null; attempt++)
                    {
                        LayerSpec candidate = DrawSpatial(r);
                        if (Fits(shape, layers, candidate, h, w, c, out TensorShape next))
                        {
                            layer = candidate;
                            shape = next;
                        }
                    }

                    if (layer is not null)
                    {
                        layers.Add(layer);
                    }
                }

                if (r.Next(3) > 0)
                {
                    layers.Add(LayerSpec.Flatten());
                    int dense = r.Next(1, 3);
                    for (int i = 0; i < dense; i++)
                    {
                        Activation act = Activations[r.Next(Activations.Length)];
                        layers.Add(LayerSpec.Dense(Pick(r, 1, 3, 4, 5, 8, 10, 16, 17), r.Next(5) > 0, act, Slope(r, act)));
                    }
                }

                if (r.Next(4) == 0)
                {
                    Activation act = Activations[r.Next(Activations.Length)];
                    layers.Add(LayerSpec.ActivationLayer(act, Slope(r, act)));
                }

                var spec = new NetworkSpec(h, w, c, layers);
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                if (layers.Count > 0 && !analysis.HasErrors && analysis.LargestTensorLength <= 4096)
                {
                    return spec;
                }
            }
        }

        private static bool Fits(TensorShape shape, List<LayerSpec> layers, LayerSpec candidate, int h, int w, int c, out TensorShape next)
        {
            var analysis = ShapeInference.Analyze(new NetworkSpec(h, w, c, layers.Append(candidate)));
            next = analysis.HasErrors ? shape : analysis.OutputShape;
            return !analysis.HasErrors && analysis.OutputShape.Length <= 4096;
        }

        private static LayerSpec DrawSpatial(Random r)
        {
            var padding = r.Next(2) == 0 ? Padding.Valid : Padding.Same;
            switch (r.Next(10))
            {
                case < 6:
                    int kh = r.Next(1, 6), kw = r.Next(3) == 0 ? r.Next(1, 6) : kh;
                    int sh = r.Next(1, 4), sw = r.Next(3) == 0 ? r.Next(1, 4) : sh;
                    int dh = r.Next(1, 3), dw = r.Next(3) == 0 ? r.Next(1, 3) : dh;
                    Activation act = Activations[r.Next(Activations.Length)];
                    return LayerSpec.Conv2D(Pick(r, 1, 2, 3, 4, 5, 6, 8, 11, 16, 17, 20, 33), kh, kw, sh, sw, padding, dh, dw,
                        r.Next(5) > 0, act, Slope(r, act));
                case < 9:
                    int ph = r.Next(1, 4), pw = r.Next(3) == 0 ? r.Next(1, 4) : ph;
                    int psh = r.Next(2) == 0 ? ph : r.Next(1, 4), psw = r.Next(3) == 0 ? r.Next(1, 4) : psh;
                    return r.Next(2) == 0 ? LayerSpec.MaxPool2D(ph, pw, psh, psw, padding) : LayerSpec.AvgPool2D(ph, pw, psh, psw, padding);
                default:
                    Activation single = Activations[r.Next(Activations.Length)];
                    return LayerSpec.ActivationLayer(single, Slope(r, single));
            }
        }

        /// <summary>The slope only means something for LeakyReLU; other activations keep the default (the declaration cannot carry another).</summary>
        private static float Slope(Random r, Activation activation) =>
            activation != Activation.LeakyReLU || r.Next(2) == 0 ? LayerSpec.DefaultNegativeSlope : (float)Math.Round(r.NextDouble(), 2);

        private static int Pick(Random r, params int[] values) => values[r.Next(values.Length)];

        /// <summary>The network as a C# class declaration with ConvGen attributes.</summary>
        public static string ToSource(NetworkSpec spec, string className, Random r)
        {
            var lines = new List<string> { $"[ConvNet({N(spec.InputHeight)}, {N(spec.InputWidth)}, {N(spec.InputChannels)})]" };
            foreach (LayerSpec l in spec.Layers)
            {
                var args = new List<string>();
                switch (l.Kind)
                {
                    case LayerKind.Conv2D:
                        args.Add(N(l.Units));
                        if (l.KernelHeight == l.KernelWidth && r.Next(2) == 0)
                        {
                            args.Add(N(l.KernelHeight));
                        }
                        else
                        {
                            args.Add(N(l.KernelHeight));
                            args.Add(N(l.KernelWidth));
                        }

                        Pair(args, r, "Stride", l.StrideHeight, l.StrideWidth);
                        Pair(args, r, "Dilation", l.DilationHeight, l.DilationWidth);
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
                        if (l.KernelHeight == l.KernelWidth && r.Next(2) == 0)
                        {
                            args.Add(N(l.KernelHeight));
                        }
                        else
                        {
                            args.Add(N(l.KernelHeight));
                            args.Add(N(l.KernelWidth));
                        }

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
                        if (l.Activation == Activation.LeakyReLU && l.NegativeSlope != LayerSpec.DefaultNegativeSlope)
                        {
                            args.Add("NegativeSlope = " + l.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + "f");
                        }

                        break;
                }

                string name = l.Kind switch
                {
                    LayerKind.Conv2D => "Conv2D",
                    LayerKind.MaxPool2D => "MaxPool2D",
                    LayerKind.AvgPool2D => "AvgPool2D",
                    LayerKind.Flatten => "Flatten",
                    LayerKind.Dense => "Dense",
                    _ => "Activation",
                };
                lines.Add(args.Count == 0 ? $"[{name}]" : $"[{name}({string.Join(", ", args)})]");
            }

            return string.Join("\n", lines) + $"\npublic partial class {className} {{ }}\n";
        }

        private static void ActivationArgs(List<string> args, Random r, LayerSpec l)
        {
            if (l.Activation != Activation.Linear || r.Next(4) == 0)
            {
                args.Add("Activation = Activation." + l.Activation);
            }

            // The slope only matters for LeakyReLU, but it is carried either way; write it when it is not the default.
            if (l.NegativeSlope != LayerSpec.DefaultNegativeSlope)
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
