namespace ConvGen.Cli.Import
{
    /// <summary>Moves tensors between the source model's layout and ConvGen's NHWC.</summary>
    public static class Layouts
    {
        /// <summary>[C, H, W] to [H, W, C].</summary>
        public static float[] ChwToHwc(float[] chw, int channels, int height, int width)
        {
            var hwc = new float[chw.Length];
            for (int c = 0; c < channels; c++)
            {
                for (int i = 0; i < height * width; i++)
                {
                    hwc[i * channels + c] = chw[c * height * width + i];
                }
            }

            return hwc;
        }

        /// <summary>[H, W, C] to [C, H, W].</summary>
        public static float[] HwcToChw(float[] hwc, int channels, int height, int width)
        {
            var chw = new float[hwc.Length];
            for (int c = 0; c < channels; c++)
            {
                for (int i = 0; i < height * width; i++)
                {
                    chw[c * height * width + i] = hwc[i * channels + c];
                }
            }

            return chw;
        }

        /// <summary>A source-layout tensor as ConvGen lays it out.</summary>
        public static float[] ToConvGen(float[] data, TensorLayout layout, TensorShape shape)
            => layout == TensorLayout.Nchw && shape.Rank == 3 ? ChwToHwc(data, shape.Channels, shape.Height, shape.Width) : data;

        /// <summary>A ConvGen tensor in the source layout.</summary>
        public static float[] FromConvGen(float[] data, TensorLayout layout, TensorShape shape)
            => layout == TensorLayout.Nchw && shape.Rank == 3 ? HwcToChw(data, shape.Channels, shape.Height, shape.Width) : data;

        /// <summary>The largest difference relative to the reference's largest magnitude (absolute when that is below 1).</summary>
        public static double RelativeDifference(float[] actual, float[] expected)
        {
            double max = 0, scale = 1;
            for (int i = 0; i < expected.Length; i++)
            {
                max = System.Math.Max(max, System.Math.Abs((double)actual[i] - expected[i]));
                scale = System.Math.Max(scale, System.Math.Abs((double)expected[i]));
            }

            return actual.Length != expected.Length ? double.PositiveInfinity : max / scale;
        }
    }
}
