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
                double[]? bias = Bias(layer, w);
                var pre = new double[images][];
                tape.Middle[l] = new double[images][];
                if (s.Kind == LayerKind.BatchNormalization && training && _trainable[l])
                {
                    pre = ReferenceLayers.BatchNormalizationTraining(layer, ins[0], w[0], w[1], out double[] mean, out double[] variance);
                    tape.BatchMean[l] = mean;
                    tape.BatchVariance[l] = variance;
                }
                else
                {
                    for (int n = 0; n < images; n++)
                    {
                        double[] x = ins[0][n];
                        pre[n] = s.Kind switch
                        {
                            LayerKind.Conv2D => ReferenceLayers.Conv2D(layer, x, w[0], bias),
                            LayerKind.DepthwiseConv2D => ReferenceLayers.DepthwiseConv2D(layer, x, w[0], bias),
                            LayerKind.SeparableConv2D => ReferenceLayers.SeparableConv2D(layer, x, w[0], w[1], bias, out tape.Middle[l][n]),
                            LayerKind.Conv2DTranspose => ReferenceLayers.Conv2DTranspose(layer, x, w[0], bias),
                            LayerKind.MaxPool2D => ReferenceLayers.Pool(layer, x, max: true),
                            LayerKind.AvgPool2D => ReferenceLayers.Pool(layer, x, max: false),
                            LayerKind.GlobalAveragePooling2D => ReferenceLayers.GlobalPool(layer, x, max: false),
                            LayerKind.GlobalMaxPooling2D => ReferenceLayers.GlobalPool(layer, x, max: true),
                            LayerKind.BatchNormalization => ReferenceLayers.BatchNormalization(layer, x, w[0], w[1], w[2], w[3]),
                            LayerKind.ZeroPadding2D => ReferenceLayers.ZeroPadding2D(layer, x),
                            LayerKind.Cropping2D => ReferenceLayers.Cropping2D(layer, x),
                            LayerKind.UpSampling2D => ReferenceLayers.UpSampling2D(layer, x),
                            LayerKind.Dense => ReferenceLayers.Dense(layer, x, w[0], bias),
                            LayerKind.Add => ReferenceLayers.Add(Image(ins, n)),
                            LayerKind.Concatenate => ReferenceLayers.Concatenate(layer, Image(ins, n)),
                            LayerKind.Dropout => training ? Dropout(layer, x, n, step) : (double[])x.Clone(),
                            LayerKind.Flatten or LayerKind.Activation => (double[])x.Clone(),
                            _ => throw new NotSupportedException($"Layer kind {s.Kind} is not supported by the reference trainer."),
                        };
                    }
                }

                tape.Pre[l] = pre;
                tape.Out[l] = new double[images][];
                for (int n = 0; n < images; n++)
                {
                    double[] y = (double[])pre[n].Clone();
                    ReferenceLayers.Activate(y, layer.OutputShape.Channels, s.Activation, s.NegativeSlope);
                    tape.Out[l][n] = y;
                }
            }

            return tape;
        }

        /// <summary>Training-mode Dropout of image <paramref name="image"/>: kept values scaled by 1 / (1 - rate), the rest 0.</summary>
        private double[] Dropout(LayerAnalysis layer, double[] x, int image, long step)
        {
            var y = new double[x.Length];
            float rate = layer.Spec.Rate;
            for (int k = 0; k < x.Length; k++)
            {
                y[k] = DropoutMask.Keep(Seed, step, layer.Index, image * x.Length + k, rate) ? x[k] / (1.0 - rate) : 0.0;
            }

            return y;
        }

        /// <summary>The gradient of <see cref="Dropout"/>: dx += dy / (1 - rate) where the value was kept.</summary>
        private void DropoutBackward(LayerAnalysis layer, double[] dy, double[] dx, int image, long step)
        {
            float rate = layer.Spec.Rate;
            for (int k = 0; k < dy.Length; k++)
            {
                if (DropoutMask.Keep(Seed, step, layer.Index, image * dy.Length + k, rate))
                {
                    dx[k] += dy[k] / (1.0 - rate);
                }
            }
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

        /// <summary>The bias tensor (the last one) of a layer with a bias, else null.</summary>
        private static double[]? Bias(LayerAnalysis layer, double[][] w) => layer.Spec.Kind switch
        {
            LayerKind.Conv2D or LayerKind.DepthwiseConv2D or LayerKind.SeparableConv2D or LayerKind.Conv2DTranspose or LayerKind.Dense
                => layer.Spec.UseBias ? w[w.Length - 1] : null,
            _ => null,
        };
    }
}
