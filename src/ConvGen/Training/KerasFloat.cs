using System.Globalization;

namespace ConvGen.Training
{
    /// <summary>How Keras turns Python hyper-parameters into float32 constants, where that differs from float arithmetic.</summary>
    public static class KerasFloat
    {
        /// <summary>
        /// 1 - <paramref name="value"/> as Keras gets it: Python computes 1 - 0.9 in double from the decimal the user wrote,
        /// and the result meets float32 tensors as 0.1f; 1 - 0.9f in float is 0.100000024f, 2 ulp off. The float's shortest
        /// round-trip decimal recovers the written number. Used for Adam's 1 - beta and batch normalization's 1 - momentum.
        /// </summary>
        public static float OneMinus(float value)
            => (float)(1.0 - double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }
}
