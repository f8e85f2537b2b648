using System;
using ConvGen.Training;

namespace ConvGen.Reference
{
    public sealed partial class ReferenceTrainer
    {
        /// <summary>What a forward pass keeps for the backward pass: every layer's values per image.</summary>
        private sealed class Tape
        {
            public Tape(int layers, double[][] input, bool training, long step)
            {
                Input = input;
                Training = training;
                Step = step;
                Pre = new double[layers][][];
                Out = new double[layers][][];
                Middle = new double[layers][][];
                BatchMean = new double[layers][];
                BatchVariance = new double[layers][];
            }

            /// <summary>Whether the pass ran in training mode.</summary>
            public bool Training { get; }

            /// <summary>The step the dropout masks were drawn for.</summary>
            public long Step { get; }

            /// <summary>The network input, [image][value].</summary>
            public double[][] Input { get; }

            /// <summary>Each layer's result before its activation, [layer][image][value].</summary>
            public double[][][] Pre { get; }

            /// <summary>Each layer's output, [layer][image][value].</summary>
            public double[][][] Out { get; }

            /// <summary>SeparableConv2D: the depthwise result, [layer][image][value].</summary>
            public double[][][] Middle { get; }

            /// <summary>BatchNormalization in training mode: the batch mean per channel (null for other layers and frozen ones).</summary>
            public double[]?[] BatchMean { get; }

            /// <summary>BatchNormalization in training mode: the biased batch variance per channel.</summary>
            public double[]?[] BatchVariance { get; }
        }

        /// <summary>Runs the network over a batch: training mode (batch statistics, dropout at <paramref name="step"/>) or inference mode.</summary>
        private Tape Forward(double[] p, double[] inputs, int images, bool training, long step)
        {
            int inputLength = InputLength;
            var input = new double[images][];
            for (int n = 0; n < images; n++)
            {
                input[n] = inputs.AsSpan(n * inputLength, inputLength).ToArray();
            }

            var tape = new Tape(Analysis.Layers.Count, input, training, step);
            foreach (LayerAnalysis layer in Analysis.Layers)
            {
                int l = layer.Index;
                LayerSpec s = layer.Spec;
                double[][][] ins = Inputs(tape.Input, tape.Out, layer);
                double[][] w = Weights(p, layer);
                var pre = new double[images][];
                tape.Middle[l] = new double[images][];
                if (s.Kind == LayerKind.BatchNormalization && training && _trainable[l])
                {
                    pre = ChannelReference.BatchNormalizationTraining(layer, ins[0], w[0], w[1], out double[] mean, out double[] variance);
                    tape.BatchMean[l] = mean;
                    tape.BatchVariance[l] = variance;
                }
                else
                {
                    ReferenceKind kind = ReferenceKind.For(s.Kind);
                    for (int n = 0; n < images; n++)
                    {
                        var pass = new LayerPass(layer, w, Image(ins, n)) { Keeps = training ? Keeps(layer, ins[0][n].Length, n, step) : null };
                        pre[n] = kind.Forward(pass);
                        tape.Middle[l][n] = pass.Middle!;
                    }
                }

                tape.Pre[l] = pre;
                tape.Out[l] = new double[images][];
                for (int n = 0; n < images; n++)
                {
                    double[] y = (double[])pre[n].Clone();
                    ReferenceActivations.Activate(y, layer.OutputShape.Channels, s.Activation, s.ActivationCoefficient);
                    tape.Out[l][n] = y;
                }
            }

            return tape;
        }

        /// <summary>Training-mode Dropout of image <paramref name="image"/> at <paramref name="step"/>: whether value k is kept (the mask the generated trainer draws).</summary>
        private Func<int, bool> Keeps(LayerAnalysis layer, int length, int image, long step)
        {
            float rate = layer.Spec.Rate;
            return k => DropoutMask.Keep(Seed, step, layer.Index, image * length + k, rate);
        }

        /// <summary>The tensors a layer reads, [input][image][value].</summary>
        private static double[][][] Inputs(double[][] network, double[][][] outputs, LayerAnalysis layer)
        {
            var ins = new double[layer.InputIndices.Count][][];
            for (int k = 0; k < ins.Length; k++)
            {
                int from = layer.InputIndices[k];
                ins[k] = from < 0 ? network : outputs[from];
            }

            return ins;
        }

        private static double[][] Image(double[][][] ins, int image)
        {
            var x = new double[ins.Length][];
            for (int k = 0; k < ins.Length; k++)
            {
                x[k] = ins[k][image];
            }

            return x;
        }

        /// <summary>A layer's parameter tensors, Keras order, in double.</summary>
        private static double[][] Weights(double[] p, LayerAnalysis layer)
        {
            var w = new double[layer.Parameters.Count][];
            for (int k = 0; k < w.Length; k++)
            {
                ParameterTensor t = layer.Parameters[k];
                w[k] = p.AsSpan(t.Offset, t.Length).ToArray();
            }

            return w;
        }
    }
}
