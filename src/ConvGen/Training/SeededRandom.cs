using System;

namespace ConvGen.Training
{
    /// <summary>
    /// A small deterministic generator (xoshiro256**, seeded through SplitMix64): the same seed gives the same numbers
    /// on every platform and .NET version, which <see cref="Random"/> does not promise. Used for weight initialization,
    /// shuffling and augmentation.
    /// </summary>
    public sealed class SeededRandom
    {
        private ulong _s0, _s1, _s2, _s3;

        /// <summary>Starts the sequence of <paramref name="seed"/>.</summary>
        public SeededRandom(ulong seed)
        {
            ulong x = seed;
            _s0 = SplitMix(ref x);
            _s1 = SplitMix(ref x);
            _s2 = SplitMix(ref x);
            _s3 = SplitMix(ref x);
        }

        /// <summary>64 random bits.</summary>
        public ulong NextUInt64()
        {
            ulong result = RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>Uniform in [0, 1), 24 random bits (every value a float exactly).</summary>
        public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

        /// <summary>Uniform in [0, 1), 53 random bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
        public float NextSingle(float low, float high) => low + (high - low) * NextSingle();

        /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), unbiased.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> &lt; 1.</exception>
        public int Next(int maxExclusive)
        {
            if (maxExclusive < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The upper bound must be at least 1.");
            }

            // Rejection sampling on the top bits: accept values below the largest multiple of maxExclusive.
            ulong bound = (ulong)maxExclusive, limit = ulong.MaxValue - ulong.MaxValue % bound;
            ulong r;
            do
            {
                r = NextUInt64();
            }
            while (r >= limit);
            return (int)(r % bound);
        }

        /// <summary>A standard normal value (Box-Muller).</summary>
        public double NextGaussian()
        {
            double u1 = 1.0 - NextDouble(), u2 = NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>A uniformly random permutation of <paramref name="values"/>, in place (Fisher-Yates).</summary>
        public void Shuffle<T>(Span<T> values)
        {
            for (int i = values.Length - 1; i > 0; i--)
            {
                int j = Next(i + 1);
                (values[i], values[j]) = (values[j], values[i]);
            }
        }

        /// <summary>SplitMix64's step and finalizer (also used to derive independent seeds).</summary>
        public static ulong SplitMix(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
    }
}
