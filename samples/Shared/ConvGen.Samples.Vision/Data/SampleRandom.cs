using System;

namespace ConvGen.Samples.Vision.Data
{
    /// <summary>
    /// SplitMix64: a tiny generator whose sequence is fixed by this code, unlike <see cref="Random"/>, whose algorithm
    /// .NET may change, so the random numbers of a seed never change. Each image gets its own stream
    /// (<see cref="ForImage"/>), so images can be made in any order or in parallel.
    /// </summary>
    public sealed class SampleRandom
    {
        private ulong _state;

        /// <summary>Starts a stream at <paramref name="seed"/>.</summary>
        public SampleRandom(ulong seed) => _state = seed;

        /// <summary>The stream of image <paramref name="index"/> of data set <paramref name="seed"/> (<paramref name="stream"/> keeps data sets apart).</summary>
        public static SampleRandom ForImage(int seed, int index, int stream)
        {
            var mixer = new SampleRandom(((ulong)(uint)seed << 32) ^ (uint)index);
            ulong a = mixer.NextUInt64();
            return new SampleRandom(a ^ ((ulong)(uint)stream * 0xD1B54A32D192ED03UL));
        }

        /// <summary>The next 64 random bits.</summary>
        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1), 24 bits.</summary>
        public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

        /// <summary>Uniform in [min, max).</summary>
        public float Range(float min, float max) => min + (max - min) * NextFloat();

        /// <summary>Uniform integer in [0, maxExclusive).</summary>
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0)
                throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
            return (int)((NextUInt64() >> 33) % (ulong)maxExclusive);
        }

        /// <summary>Uniform integer in [min, maxExclusive).</summary>
        public int Range(int min, int maxExclusive) => min + Next(maxExclusive - min);

        /// <summary>Standard normal (Box-Muller).</summary>
        public float Gaussian()
        {
            float u = 1f - NextFloat();
            float v = NextFloat();
            return MathF.Sqrt(-2f * MathF.Log(u)) * MathF.Cos(2f * MathF.PI * v);
        }
    }
}
