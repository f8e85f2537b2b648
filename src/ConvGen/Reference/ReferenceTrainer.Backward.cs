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
                    dz[n] = ReferenceLayers.ActivateBackward(tape.Pre[l][n], tape.Out[l][n], dOut[l][n], layer.OutputShape.Channels, s.Activation, s.NegativeSlope);
                }

                double[][] w = Weights(p, layer);
                double[]? bias = Bias(layer, w);
                double[][]? dw = null;
                if (gradients is not null && _trainable[l] && w.Length > 0)
                {
                    dw = new double[w.Length][];
                    for (int k = 0; k < w.Length; k++)
                    {
                        dw[k] = new double[w[k].Length];
                    }
                }

                double[]? dBias = dw is null || bias is null ? null : dw[dw.Length - 1];
                double[][][] ins = Inputs(tape.Input, tape.Out, layer);
                var dIns = new double[layer.InputIndices.Count][][];
                for (int k = 0; k < dIns.Length; k++)
                {
                    int from = layer.InputIndices[k];
                    dIns[k] = from < 0 ? dInput : dOut[from] ??= Zeros(images, (int)Analysis.Layers[from].OutputShape.Length);
                }

                if (tape.BatchMean[l] is double[] mean && tape.BatchVariance[l] is double[] variance)
                {
                    ReferenceLayers.BatchNormalizationTrainingBackward(layer, ins[0], w[0], mean, variance, dz, dIns[0], dw?[0], dw?[1]);
                }
                else
                {
                    for (int n = 0; n < images; n++)
                    {
                        BackwardImage(tape, layer, w, bias, dw, dBias, ins, dz[n], dIns, n);
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

        /// <summary>One image through one layer's backward kernel.</summary>
        private void BackwardImage(Tape tape, LayerAnalysis layer, double[][] w, double[]? bias, double[][]? dw, double[]? dBias,
            double[][][] ins, double[] dz, double[][][] dIns, int n)
        {
            double[] x = ins[0][n], dx = dIns[0][n];
            switch (layer.Spec.Kind)
            {
                case LayerKind.Conv2D:
                    ReferenceLayers.Conv2DBackward(layer, x, w[0], dz, dx, dw?[0], dBias);
                    break;
                case LayerKind.DepthwiseConv2D:
                    ReferenceLayers.DepthwiseConv2DBackward(layer, x, w[0], dz, dx, dw?[0], dBias);
                    break;
                case LayerKind.SeparableConv2D:
                    ReferenceLayers.SeparableConv2DBackward(layer, x, tape.Middle[layer.Index][n], w[0], w[1], dz, dx, dw?[0], dw?[1], dBias);
                    break;
                case LayerKind.Conv2DTranspose:
                    ReferenceLayers.Conv2DTransposeBackward(layer, x, w[0], dz, dx, dw?[0], dBias);
                    break;
                case LayerKind.Dense:
                    ReferenceLayers.DenseBackward(layer, x, w[0], dz, dx, dw?[0], dBias);
                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    ReferenceLayers.PoolBackward(layer, x, dz, dx, max: layer.Spec.Kind == LayerKind.MaxPool2D);
                    break;
                case LayerKind.GlobalAveragePooling2D:
                case LayerKind.GlobalMaxPooling2D:
                    ReferenceLayers.GlobalPoolBackward(layer, x, dz, dx, max: layer.Spec.Kind == LayerKind.GlobalMaxPooling2D);
                    break;
                case LayerKind.BatchNormalization:
                    // Inference mode (a frozen layer): moving statistics, which never get a gradient.
                    ReferenceLayers.BatchNormalizationBackward(layer, x, w[0], w[2], w[3], dz, dx, dw?[0], dw?[1]);
                    break;
                case LayerKind.ZeroPadding2D:
                    ReferenceLayers.ZeroPadding2DBackward(layer, dz, dx);
                    break;
                case LayerKind.Cropping2D:
                    ReferenceLayers.Cropping2DBackward(layer, dz, dx);
                    break;
                case LayerKind.UpSampling2D:
                    ReferenceLayers.UpSampling2DBackward(layer, dz, dx);
                    break;
                case LayerKind.Add:
                    ReferenceLayers.AddBackward(dz, Image(dIns, n));
                    break;
                case LayerKind.Concatenate:
                    ReferenceLayers.ConcatenateBackward(layer, dz, Image(dIns, n));
                    break;
                case LayerKind.Dropout:
                    if (tape.Training)
                    {
                        DropoutBackward(layer, dz, dx, n, tape.Step);
                        break;
                    }

                    goto case LayerKind.Flatten;
                case LayerKind.Flatten:
                case LayerKind.Activation:
                    for (int k = 0; k < dz.Length; k++)
                    {
                        dx[k] += dz[k];
                    }

                    break;
                default:
                    throw new NotSupportedException($"Layer kind {layer.Spec.Kind} is not supported by the reference trainer.");
            }
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
