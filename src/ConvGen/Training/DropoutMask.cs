namespace ConvGen.Training
{
    /// <summary>
    /// Which values Dropout keeps during training: a counter-based hash of (seed, step, layer, position), so the generated
    /// trainer and the reference trainer draw the same masks whatever the thread count or evaluation order.
    /// </summary>
    public static class DropoutMask
    {
        /// <summary>
        /// True when value <paramref name="index"/> (image * layer output length + element) of layer <paramref name="layer"/>
        /// is kept at training step <paramref name="step"/>; kept with probability 1 - <paramref name="rate"/>.
        /// </summary>
        public static bool Keep(ulong seed, long step, int layer, int index, float rate)
        {
            ulong h = Mix(seed ^ 0x9E3779B97F4A7C15UL);
            h = Mix(h ^ (ulong)step);
            h = Mix(h ^ ((ulong)(uint)layer << 32 | (uint)index));
            float u = (h >> 40) * (1f / (1 << 24)); // uniform in [0, 1), 24 bits
            return u >= rate;
        }

        /// <summary>SplitMix64's finalizer.</summary>
        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
