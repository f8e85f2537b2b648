using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Reference;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// The core promise: generated code computes what the reference interpreter computes, on hundreds of random
    /// networks (odd sizes, 1x1 inputs, channel counts on and off multiples of 4, rectangular kernels, strides 1-3,
    /// dilation 1-2, both paddings, every layer kind and activation, graphs with skip connections, BatchNormalization
    /// folded or not, dense heads). Networks are batched 50 to a compilation.
    /// </summary>
    public class GeneratedMatchesInterpreterTests
    {
        public const int Batches = 6;
        public const int NetworksPerBatch = 50;

        public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

        /// <summary>The batch's networks and their declarations, from a fixed seed.</summary>
        public static List<(string Name, NetworkSpec Spec, string Source)> DrawBatch(int batch)
        {
            var random = new Random(1000 + batch);
            var specs = new List<(string Name, NetworkSpec Spec, string Source)>();
            for (int i = 0; i < NetworksPerBatch; i++)
            {
                NetworkSpec spec = RandomNetworks.Draw(random, narrowBlocks: true); // the other users of Draw keep their draws
                string name = $"Net{batch}_{i}";
                specs.Add(($"RandomNets.{name}", spec, RandomNetworks.ToSource(spec, name, random)));
            }

            return specs;
        }

        [Theory]
        [MemberData(nameof(BatchIndices))]
        public void RandomNetworksMatchTheInterpreter(int batch) => CheckBatch(batch);

        /// <summary>Compiles batch <paramref name="batch"/> of random networks and asserts each matches the interpreter.</summary>
        internal static void CheckBatch(int batch)
        {
            List<(string Name, NetworkSpec Spec, string Source)> specs = DrawBatch(batch);
            var source = new StringBuilder("using ConvGen;\nnamespace RandomNets\n{\n");
            foreach ((_, _, string declaration) in specs)
            {
                source.Append(declaration).Append('\n');
            }

            source.Append("}\n");
            var random = new Random(2000 + batch);
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(source.ToString(), GeneratorHarness.FactorySource(specs.Select(s => s.Name)));
            foreach ((string name, NetworkSpec spec, string declaration) in specs)
            {
                string context = $"Network {name} (batch seed {1000 + batch}):\n{declaration}";
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                float[] parameters = TestData.Parameters(random, analysis);
                float[] input = TestData.Uniform(random, (int)analysis.InputShape.Length);
                GeneratedNetwork generated = loaded.Network(name, parameters);

                Assert.True(spec.Equals(generated.Spec), $"the generated Network description differs from the declaration\n{generated.Spec}\n{context}");
                Assert.Equal((int)analysis.OutputShape.Length, generated.Const("OutputLength"));
                Assert.Equal(analysis.ParameterCount, generated.Const("ParameterCount"));

                float[] expected = new ReferenceInterpreter(spec, parameters).Run(input);
                float[] actual = generated.Run(input);
                TestData.AssertClose(expected, actual, 1e-4, context);
            }
        }

        /// <summary>The random networks really exercise what the equivalence test claims (so a change to the drawing cannot quietly narrow it).</summary>
        [Fact]
        public void RandomNetworksCoverEveryLayerKindActivationAndGraphShape()
        {
            List<NetworkSpec> specs = Enumerable.Range(0, Batches).SelectMany(DrawBatch).Select(s => s.Spec).ToList();
            Assert.True(specs.Count >= 300);
            var layers = specs.SelectMany(s => s.Layers).ToList();
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                Assert.True(layers.Count(l => l.Kind == kind) >= 3, $"{kind} is drawn {layers.Count(l => l.Kind == kind)} times");
            }

            foreach (Activation activation in Enum.GetValues<Activation>())
            {
                Assert.True(layers.Count(l => l.Activation == activation) >= 3, $"{activation} is drawn {layers.Count(l => l.Activation == activation)} times");
            }

            Assert.True(layers.Count(l => l.Kind == LayerKind.Conv2D && l.Groups > 1) >= 5, "grouped convolutions");
            Assert.True(layers.Count(l => l.DepthMultiplier > 1) >= 5, "depth multipliers above 1");
            Assert.True(layers.Count(l => l.Kind == LayerKind.UpSampling2D && l.Interpolation == Interpolation.Bilinear) >= 3, "bilinear upsampling");
            Assert.True(layers.Count(l => l.Kind != LayerKind.Add && l.Kind != LayerKind.Concatenate && l.Inputs.Count == 1) >= 10, "layers reading a named layer");

            // The generator folds a BatchNormalization into a linear convolution/Dense read by nothing else, and runs an Activation
            // layer inside such a layer (also through a folded BatchNormalization): both cases and their opposites must occur.
            int folds = 0, standalone = 0, fused = 0, separate = 0;
            foreach (NetworkSpec spec in specs)
            {
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                bool Absorbs(int producer) => producer >= 0 && analysis.Layers[producer].Spec.Activation == Activation.Linear
                    && analysis.Layers[producer].Spec.Kind is LayerKind.Conv2D or LayerKind.DepthwiseConv2D or LayerKind.SeparableConv2D or LayerKind.Conv2DTranspose or LayerKind.Dense
                    && analysis.Layers.Count(l => l.InputIndices.Contains(producer)) == 1;
                foreach (LayerAnalysis layer in analysis.Layers)
                {
                    int producer = layer.InputIndices[0];
                    if (layer.Spec.Kind == LayerKind.BatchNormalization)
                    {
                        _ = Absorbs(producer) ? folds++ : standalone++;
                    }
                    else if (layer.Spec.Kind == LayerKind.Activation)
                    {
                        bool throughBatchNorm = producer >= 0 && analysis.Layers[producer].Spec.Kind == LayerKind.BatchNormalization
                            && analysis.Layers.Count(l => l.InputIndices.Contains(producer)) == 1 && Absorbs(analysis.Layers[producer].InputIndices[0]);
                        _ = Absorbs(producer) || throughBatchNorm ? fused++ : separate++;
                    }
                }
            }

            Assert.True(folds >= 10 && standalone >= 10, $"BatchNormalization folded {folds}, standalone {standalone}");
            Assert.True(fused >= 10 && separate >= 10, $"Activation fused {fused}, separate {separate}");

            // The generator computes a MaxPool2D or AvgPool2D inside the Conv2D it reads (PoolFusion) when nothing else reads the
            // convolution, the pool is unpadded with stride = window, the activation runs in registers and a block of the
            // weights takes at most 32 KiB of L1; both must occur.
            int pooledInConv = 0, pooledAlone = 0;
            foreach (NetworkSpec spec in specs)
            {
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                foreach (LayerAnalysis pool in analysis.Layers.Where(l => l.Spec.Kind is LayerKind.MaxPool2D or LayerKind.AvgPool2D))
                {
                    int producer = pool.InputIndices[0];
                    LayerAnalysis? conv = producer >= 0 ? analysis.Layers[producer] : null;
                    bool fusible = conv is not null && conv.Spec.Kind == LayerKind.Conv2D && conv.Spec.Groups == 1
                        && analysis.Layers.Count(l => l.InputIndices.Contains(producer)) == 1
                        && !(conv.Spec.KernelHeight == 1 && conv.Spec.KernelWidth == 1 && conv.Spec.StrideHeight == 1 && conv.Spec.StrideWidth == 1 && conv.PadTop + conv.PadBottom + conv.PadLeft + conv.PadRight == 0)
                        && conv.Spec.Activation is not (Activation.Sigmoid or Activation.Tanh or Activation.Softmax)
                        && (long)conv.Spec.KernelHeight * conv.Spec.KernelWidth * conv.InputShape.Channels * Math.Min(conv.OutputShape.Channels, 64) * sizeof(float) <= 32 * 1024
                        && pool.PadTop + pool.PadBottom + pool.PadLeft + pool.PadRight == 0
                        && pool.Spec.StrideHeight == pool.Spec.KernelHeight && pool.Spec.StrideWidth == pool.Spec.KernelWidth;
                    _ = fusible ? pooledInConv++ : pooledAlone++;
                }
            }

            Assert.True(pooledInConv >= 5 && pooledAlone >= 10, $"pooling fused into its convolution {pooledInConv}, separate {pooledAlone}");
        }

        /// <summary>The generator's output for every random network, batch by batch (run once, shared by the coverage tests that read the headers).</summary>
        internal static readonly Lazy<IReadOnlyList<string>> GeneratedSources = new(() =>
        {
            var sources = new List<string>();
            for (int batch = 0; batch < Batches; batch++)
            {
                var source = new StringBuilder("using ConvGen;\nnamespace RandomNets\n{\n");
                foreach ((_, _, string declaration) in DrawBatch(batch))
                {
                    source.Append(declaration).Append('\n');
                }

                sources.AddRange(GeneratorHarness.Run(source.Append("}\n").ToString()).Sources.Values);
            }

            return sources;
        });

        /// <summary>The header comment of a generated source: its leading // lines.</summary>
        internal static string[] Header(string text) => text.Split('\n').TakeWhile(line => line.StartsWith("//", StringComparison.Ordinal)).ToArray();

        /// <summary>
        /// The random networks make the generator run Winograd F(4x4, 3x3), F(2x2, 3x3) and F(2x2, 5x5) (also dilated),
        /// also with a folded BatchNormalization, and keep eligible-looking 3x3 convolutions direct (too few channels, other
        /// activations): counted in the generated code itself (the header line each Conv2D gets), so the equivalence test
        /// above covers them.
        /// </summary>
        [Fact]
        public void RandomNetworksRunWinogradLayers()
        {
            int f4 = 0, f2 = 0, f25 = 0, f25Dilated = 0, folded = 0, tooFewChannels = 0;
            foreach (string text in GeneratedSources.Value)
            {
                string[] header = Header(text);
                f4 += header.Count(line => line.Contains(" runs Winograd F(4x4, 3x3): ", StringComparison.Ordinal));
                f2 += header.Count(line => line.Contains(" runs Winograd F(2x2, 3x3): ", StringComparison.Ordinal));
                f25 += header.Count(line => line.Contains(" runs Winograd F(2x2, 5x5): ", StringComparison.Ordinal));
                f25Dilated += header.Count(line => line.Contains(" runs Winograd F(2x2, 5x5): ", StringComparison.Ordinal) && line.Contains("interleaved undilated", StringComparison.Ordinal));
                tooFewChannels += header.Count(line => line.Contains(" runs direct: ", StringComparison.Ordinal) && line.Contains("transforms cost more than it saves", StringComparison.Ordinal));
                folded += text.Split('\n').Count(line => line.Contains("folded in: U's column", StringComparison.Ordinal));
            }

            Assert.True(f4 >= 10 && f2 >= 10 && f25 >= 10 && f25Dilated >= 2, $"Winograd F(4x4, 3x3) layers {f4}, F(2x2, 3x3) layers {f2}, F(2x2, 5x5) layers {f25} ({f25Dilated} dilated)");
            Assert.True(folded >= 3, $"Winograd layers with a folded BatchNormalization: {folded}");
            Assert.True(tooFewChannels >= 3, $"3x3 convolutions kept direct for their channel counts: {tooFewChannels}");
        }

        /// <summary>
        /// The random networks make the generator skip the zero inputs of 1x1 convolutions that read a ReLU or ReLU6 (ZeroSkipping),
        /// inside a fused depthwise block and on their own, with more than 64 input channels (several masks) and with
        /// partial vectors of output channels: counted in the generated code, so the equivalence test above covers them (the
        /// random inputs leave about half of a ReLU's outputs zero, so both the sparse and the dense tiles run).
        /// </summary>
        private static readonly System.Text.RegularExpressions.Regex PartialBlock = new(@"SparsePixel\d+p\d+_"); // SparsePixel3p8_512: 3 vectors, the last storing 8 lanes

        [Fact]
        public void RandomNetworksSkipZeros()
        {
            int skipping = 0, withDepthwise = 0, wide = 0, partial = 0;
            foreach (string text in GeneratedSources.Value)
            {
                string[] header = Header(text);
                skipping += header.Count(line => line.Contains(" skips zero inputs (", StringComparison.Ordinal));
                withDepthwise += header.Count(line => line.Contains(" skips zero inputs (", StringComparison.Ordinal) && line.Contains("depthwise", StringComparison.Ordinal));
                wide += text.Split('\n').Count(line => line.Contains("for (int from = 0; from < InputChannels; from += 64)", StringComparison.Ordinal));
                partial += text.Split('\n').Count(line => line.Contains("private static void SparsePixel", StringComparison.Ordinal) && PartialBlock.IsMatch(line));
            }

            Assert.True(skipping >= 20 && withDepthwise >= 10 && wide >= 3 && partial >= 10,
                $"1x1 convolutions that skip zeros: {skipping} ({withDepthwise} reading a depthwise layer; kernels over more than 64 input channels {wide}; partial-vector blocks {partial})");
        }

        /// <summary>
        /// The random networks make the generator compute depthwise convolutions band by band inside the pointwise Conv2D
        /// that reads them (DepthwiseFusion), also a SeparableConv2D's two parts, and keep others as steps of their own for
        /// each reason: counted in the generated headers (the line each depthwise layer gets), so the equivalence test above
        /// covers them; and the fused pairs drawn include strides 1 and 2, same and valid padding, multipliers 1 and 2,
        /// channel counts off multiples of 16, folded BatchNormalizations and fused activations.
        /// </summary>
        [Fact]
        public void RandomNetworksRunFusedDepthwiseLayers()
        {
            int fused = 0, separable = 0, notPointwise = 0, readTwice = 0, passActivation = 0;
            foreach (string text in GeneratedSources.Value)
            {
                string[] header = Header(text);
                fused += header.Count(line => line.Contains(" runs inside ", StringComparison.Ordinal) && line.Contains(", band by band: ", StringComparison.Ordinal));
                separable += header.Count(line => line.Contains("(depthwise part) runs inside ", StringComparison.Ordinal));
                notPointwise += header.Count(line => line.Contains("runs as a step of its own", StringComparison.Ordinal) && line.Contains("is not a pointwise convolution", StringComparison.Ordinal));
                readTwice += header.Count(line => line.Contains("runs as a step of its own", StringComparison.Ordinal) && line.Contains("so it is stored", StringComparison.Ordinal));
                passActivation += header.Count(line => line.Contains("runs as a step of its own", StringComparison.Ordinal) && line.Contains("runs as a pass over its whole output", StringComparison.Ordinal));
            }

            Assert.True(fused >= 30, $"depthwise layers computed inside a 1x1 convolution: {fused}");
            Assert.True(separable >= 5, $"SeparableConv2D depthwise parts computed inside their pointwise parts: {separable}");
            Assert.True(notPointwise >= 3 && readTwice >= 1 && passActivation >= 1,
                $"depthwise layers kept as steps: read by a non-pointwise convolution {notPointwise}, read twice {readTwice}, with a pass activation {passActivation}");

            // The drawn pairs: a DepthwiseConv2D (through a BatchNormalization and an Activation layer) whose only reader is a 1x1 Conv2D.
            var pairs = new List<LayerAnalysis>();
            foreach (NetworkSpec spec in Enumerable.Range(0, Batches).SelectMany(DrawBatch).Select(s => s.Spec))
            {
                NetworkAnalysis analysis = ShapeInference.Analyze(spec);
                foreach (LayerAnalysis conv in analysis.Layers.Where(l => l.Spec.Kind == LayerKind.Conv2D && l.Spec.KernelHeight == 1 && l.Spec.KernelWidth == 1 && l.Spec.StrideHeight == 1))
                {
                    int producer = conv.InputIndices[0];
                    while (producer >= 0 && analysis.Layers[producer].Spec.Kind is LayerKind.BatchNormalization or LayerKind.Activation)
                    {
                        producer = analysis.Layers[producer].InputIndices[0];
                    }

                    if (producer >= 0 && analysis.Layers[producer].Spec.Kind == LayerKind.DepthwiseConv2D)
                    {
                        pairs.Add(analysis.Layers[producer]);
                    }
                }
            }

            Assert.True(pairs.Count(d => d.Spec.StrideHeight == 1) >= 10 && pairs.Count(d => d.Spec.StrideHeight == 2) >= 5, "depthwise strides 1 and 2");
            Assert.True(pairs.Count(d => d.Spec.Padding == Padding.Same) >= 10 && pairs.Count(d => d.Spec.Padding == Padding.Valid) >= 5, "same and valid padding");
            Assert.True(pairs.Count(d => d.Spec.DepthMultiplier == 1) >= 10 && pairs.Count(d => d.Spec.DepthMultiplier == 2) >= 5, "multipliers 1 and 2");
            Assert.True(pairs.Count(d => d.OutputShape.Channels % 16 != 0) >= 10, "channel counts off multiples of 16");
            Assert.True(pairs.Count(d => d.Spec.Activation == Activation.Linear) >= 10 && pairs.Count(d => d.Spec.Activation != Activation.Linear) >= 5, "with and without an activation of its own");
        }
    }
}
