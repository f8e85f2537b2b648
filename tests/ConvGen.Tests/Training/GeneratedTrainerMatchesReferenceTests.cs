using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Reference;
using ConvGen.Tests.Generated;
using ConvGen.Tests.Infrastructure;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>
    /// The training promise: the generated Trainer's gradients equal the reference trainer's (plain loops in double,
    /// itself checked against finite differences) on 300 random networks: sequential and graphs, every layer kind and
    /// activation, frozen layers, batch sizes 1 to 8 with partial batches, every loss. Networks are batched 50 to a compilation.
    /// </summary>
    public class GeneratedTrainerMatchesReferenceTests
    {
        public const int Batches = 6;
        public const int NetworksPerBatch = 50;

        /// <summary>Gradients agree within this fraction of the largest reference gradient.</summary>
        public const double Tolerance = 1e-4;

        public static IEnumerable<object[]> BatchIndices => Enumerable.Range(0, Batches).Select(i => new object[] { i });

        private static readonly Loss[] Losses = (Loss[])Enum.GetValues(typeof(Loss));

        /// <summary>One drawn case: the network (with Training = true and some layers frozen) and how it is trained.</summary>
        public sealed record Case(string Name, NetworkSpec Spec, int BatchSize, int Images, Loss Loss, int Seed);

        public static List<Case> DrawBatch(int batch)
        {
            var random = new Random(5000 + batch);
            var cases = new List<Case>();
            for (int i = 0; i < NetworksPerBatch; i++)
            {
                NetworkSpec drawn = RandomNetworks.Draw(random);
                var layers = drawn.Layers.Select(l => l with
                {
                    Trainable = random.Next(6) > 0,
                    Momentum = l.Kind == LayerKind.BatchNormalization && random.Next(2) == 0 ? 0.9f : l.Momentum,
                    Rate = l.Kind == LayerKind.Dropout ? (float)Math.Round(random.NextDouble() * 0.6, 2) : l.Rate,
                }).ToList();

                // Keep at least one trained layer with parameters when there is any, so there is a gradient to compare.
                NetworkAnalysis analysis = ShapeInference.Analyze(new NetworkSpec(drawn.InputHeight, drawn.InputWidth, drawn.InputChannels, layers));
                if (!analysis.Layers.Any(l => l.ParameterCount > 0 && l.Spec.Trainable))
                {
                    int first = analysis.Layers.FirstOrDefault(l => l.ParameterCount > 0)?.Index ?? -1;
                    if (first >= 0)
                    {
                        layers[first] = layers[first] with { Trainable = true };
                    }
                }

                // Trainable = false only where it means something (elsewhere it is warning CG0031).
                for (int k = 0; k < layers.Count; k++)
                {
                    if (analysis.Layers[k].ParameterCount == 0)
                    {
                        layers[k] = layers[k] with { Trainable = true };
                    }
                }

                var spec = new NetworkSpec(drawn.InputHeight, drawn.InputWidth, drawn.InputChannels, layers, training: true);
                int batchSize = random.Next(1, 9);
                int images = random.Next(3) == 0 ? random.Next(1, batchSize + 1) : batchSize;
                Loss loss = Losses[random.Next(Losses.Length)];
                cases.Add(new Case($"TrainNets.Net{batch}_{i}", spec, batchSize, images, ForOutput(loss, spec), random.Next(1000)));
            }

            return cases;
        }

        [Theory]
        [MemberData(nameof(BatchIndices))]
        public void RandomNetworksTrainLikeTheReference(int batch)
        {
            List<Case> cases = DrawBatch(batch);
            var source = new StringBuilder("using ConvGen;\nnamespace TrainNets\n{\n");
            foreach (Case c in cases)
            {
                source.Append(Declaration(c)).Append('\n');
            }

            source.Append("}\n");
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(source.ToString(), Factory(cases));
            var random = new Random(6000 + batch);
            var failures = new List<string>();
            foreach (Case c in cases)
            {
                NetworkAnalysis analysis = ShapeInference.Analyze(c.Spec);
                float[] parameters = TestData.Parameters(random, analysis);
                float[] inputs = TestData.Uniform(random, c.Images * (int)analysis.InputShape.Length);
                int channels = analysis.OutputShape.Channels;
                int positions = c.Images * (int)(analysis.OutputShape.Length / channels);
                ITrainer generated = Create(loaded, c, parameters);
                var reference = new ReferenceTrainer(c.Spec, parameters, unchecked((ulong)c.Seed));
                var expected = new double[parameters.Length];
                var actual = new float[parameters.Length];
                double expectedLoss;
                float actualLoss;
                if (LossFunctions.IsSparse(c.Loss))
                {
                    int[] labels = Enumerable.Range(0, positions).Select(_ => random.Next(channels)).ToArray();
                    expectedLoss = reference.ComputeGradients(inputs, c.Images, labels, c.Loss, expected);
                    actualLoss = generated.ComputeGradients(inputs, labels, c.Loss, actual);
                }
                else
                {
                    float[] targets = Targets(random, c.Loss, positions, channels);
                    expectedLoss = reference.ComputeGradients(inputs, c.Images, targets, c.Loss, expected);
                    actualLoss = generated.ComputeGradients(inputs, targets, c.Loss, actual);
                }

                double largest = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
                double worst = 0;
                int worstAt = -1;
                for (int p = 0; p < expected.Length; p++)
                {
                    double error = Math.Abs(actual[p] - expected[p]);
                    if (error > worst)
                    {
                        worst = error;
                        worstAt = p;
                    }
                }

                bool lossAgrees = Math.Abs(actualLoss - expectedLoss) <= 1e-4 * Math.Max(1, Math.Abs(expectedLoss));
                if (worst > Tolerance * largest + 1e-7 || !lossAgrees)
                {
                    failures.Add($"{c.Name} ({c.Loss}, batch {c.BatchSize}, {c.Images} images, seed {c.Seed}): loss {actualLoss} vs {expectedLoss}; "
                        + $"largest gradient error {worst:E3} at parameter {worstAt} ({(worstAt >= 0 ? actual[worstAt] + " vs " + expected[worstAt] : "-")}), largest gradient {largest:E3}\n{c.Spec}");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} networks differ:\n" + string.Join("\n\n", failures.Take(5)));
        }

        /// <summary>The draw covers every layer kind, activation and loss, frozen layers, graphs, batch sizes 1 to 8 and partial batches.</summary>
        [Fact]
        public void TheDrawCoversEveryKindActivationLossAndBatchSize()
        {
            List<Case> all = Enumerable.Range(0, Batches).SelectMany(DrawBatch).ToList();
            var kinds = all.SelectMany(c => c.Spec.Layers.Select(l => l.Kind)).ToHashSet();
            var activations = all.SelectMany(c => c.Spec.Layers.Where(l => l.Kind is LayerKind.Conv2D or LayerKind.DepthwiseConv2D or LayerKind.SeparableConv2D
                or LayerKind.Conv2DTranspose or LayerKind.Dense or LayerKind.Activation).Select(l => l.Activation)).ToHashSet();
            foreach (LayerKind kind in Enum.GetValues(typeof(LayerKind)))
            {
                Assert.Contains(kind, kinds);
            }

            foreach (Activation activation in Enum.GetValues(typeof(Activation)))
            {
                Assert.Contains(activation, activations);
            }

            foreach (Loss loss in Losses)
            {
                Assert.Contains(loss, all.Select(c => c.Loss));
            }

            for (int size = 1; size <= 8; size++)
            {
                Assert.Contains(size, all.Select(c => c.BatchSize));
            }

            Assert.Contains(all, c => c.Images < c.BatchSize);
            Assert.Contains(all, c => c.Spec.Layers.Any(l => !l.Trainable));
            Assert.Contains(all, c => c.Spec.Layers.Any(l => l.Kind == LayerKind.BatchNormalization && !l.Trainable));
            Assert.Contains(all, c => c.Spec.Layers.Any(l => l.Kind == LayerKind.Dropout && l.Rate > 0));
            Assert.Contains(all, c => c.Spec.Layers.Any(l => l.Kind == LayerKind.Conv2D && l.Groups > 1));
            Assert.Contains(all, c => c.Spec.Layers.Any(l => l.DepthMultiplier > 1));
            Assert.Contains(all, c => c.Spec.Layers.Any(l => l.Kind == LayerKind.UpSampling2D && l.Interpolation == Interpolation.Bilinear));
            Assert.Equal(Batches * NetworksPerBatch, all.Count);
        }

        /// <summary>
        /// The probability losses need probabilities: on a network that does not end in softmax (categorical) or sigmoid
        /// (binary) the same loss is drawn in its from-logits form.
        /// </summary>
        private static Loss ForOutput(Loss loss, NetworkSpec spec)
        {
            Activation last = spec.Layers[spec.Layers.Count - 1].Activation;
            return loss switch
            {
                Loss.BinaryCrossentropy when last != Activation.Sigmoid => Loss.BinaryCrossentropyFromLogits,
                Loss.CategoricalCrossentropy when last != Activation.Softmax => Loss.CategoricalCrossentropyFromLogits,
                Loss.SparseCategoricalCrossentropy when last != Activation.Softmax => Loss.SparseCategoricalCrossentropyFromLogits,
                _ => loss,
            };
        }

        private static float[] Targets(Random random, Loss loss, int positions, int channels)
        {
            var targets = new float[positions * channels];
            for (int p = 0; p < positions; p++)
            {
                if (loss is Loss.CategoricalCrossentropy or Loss.CategoricalCrossentropyFromLogits && random.Next(2) == 0)
                {
                    targets[p * channels + random.Next(channels)] = 1f; // one-hot
                    continue;
                }

                for (int c = 0; c < channels; c++)
                {
                    targets[p * channels + c] = (float)random.NextDouble();
                }
            }

            return targets;
        }

        private static string Declaration(Case c)
        {
            string className = c.Name.Substring(c.Name.LastIndexOf('.') + 1);
            return string.Join("\n", c.Spec.ToString().Split('\n')) + $"\npublic partial class {className} {{ }}\n";
        }

        private static string Factory(List<Case> cases)
        {
            var arms = string.Join("\n", cases.Select(c => $"        \"{c.Name}\" => new global::{c.Name}.Trainer(parameters, batchSize, seed),"));
            return "public static class TrainerFactory\n{\n    public static global::ConvGen.Training.ITrainer Create(string name, float[] parameters, int batchSize, int seed) => name switch\n    {\n"
                + arms + "\n        _ => throw new global::System.ArgumentException(name),\n    };\n}\n";
        }

        private static ITrainer Create(LoadedAssembly loaded, Case c, float[] parameters) =>
            (ITrainer)loaded.Assembly.GetType("TrainerFactory", throwOnError: true)!.GetMethod("Create")!
                .Invoke(null, new object[] { c.Name, parameters, c.BatchSize, c.Seed })!;
    }
}
