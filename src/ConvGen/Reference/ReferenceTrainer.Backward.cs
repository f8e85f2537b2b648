using System;

namespace ConvGen.Reference
{
    public sealed partial class ReferenceTrainer
    {
        /// <summary>
        /// Back-propagates <paramref name="dy"/> (d(loss)/d(network output), [image][value]) through the tape; adds the
        /// parameter gradients of trainable layers into <paramref name="gradients"/> (moving statistics never get one) and
        /// returns d(loss)/d(network input), [image][value].
        /// </summary>
        private double[][] Backward(Tape tape, double[] p, double[][] dy, double[]? gradients)
        {
            int images = tape.Input.Length;
            var dOut = new double[Analysis.Layers.Count][][];
            dOut[dOut.Length - 1] = dy;
            double[][] dInput = Zeros(images, InputLength);
            for (int l = Analysis.Layers.Count - 1; l >= 0; l--)
            {
                if (dOut[l] is null)
                {
                    continue; // nothing downstream reads this layer
                }

                LayerAnalysis layer = Analysis.Layers[l];
                LayerSpec s = layer.Spec;
                var dz = new double[images][];
                for (int n = 0; n < images; n++)
                {
                    dz[n] = ReferenceActivations.ActivateBackward(tape.Pre[l][n], tape.Out[l][n], dOut[l][n], layer.OutputShape.Channels, s.Activation, s.ActivationCoefficient);
                }

                double[][] w = Weights(p, layer);
                double[][]? dw = null;
                if (gradients is not null && _trainable[l] && w.Length > 0)
                {
                    dw = new double[w.Length][];
                    for (int k = 0; k < w.Length; k++)
                    {
                        dw[k] = new double[w[k].Length];
                    }
                }

                double[][][] ins = Inputs(tape.Input, tape.Out, layer);
                var dIns = new double[layer.InputIndices.Count][][];
                for (int k = 0; k < dIns.Length; k++)
                {
                    int from = layer.InputIndices[k];
                    dIns[k] = from < 0 ? dInput : dOut[from] ??= Zeros(images, (int)Analysis.Layers[from].OutputShape.Length);
                }

                ReferenceKind kind = ReferenceKind.For(s.Kind);
                if (tape.BatchMean[l] is double[] mean && tape.BatchVariance[l] is double[] variance)
                {
                    ChannelReference.BatchNormalizationTrainingBackward(layer, ins[0], w[0], mean, variance, dz, dIns[0], dw?[0], dw?[1]);
                }
                else
                {
                    for (int n = 0; n < images; n++)
                    {
                        var pass = new LayerPass(layer, w, Image(ins, n))
                        {
                            Middle = tape.Middle[l][n],
                            Keeps = tape.Training ? Keeps(layer, ins[0][n].Length, n, tape.Step) : null,
                        };
                        kind.Backward(pass, dz[n], Image(dIns, n), dw);
                    }
                }

                if (dw is not null)
                {
                    for (int k = 0; k < dw.Length; k++)
                    {
                        int offset = layer.Parameters[k].Offset;
                        for (int j = 0; j < dw[k].Length; j++)
                        {
                            gradients![offset + j] += dw[k][j];
                        }
                    }
                }
            }

            return dInput;
        }

        private static double[][] Zeros(int images, int length)
        {
            var z = new double[images][];
            for (int n = 0; n < images; n++)
            {
                z[n] = new double[length];
            }

            return z;
        }
    }
}
