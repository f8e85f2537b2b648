using System;
using System.Collections.Generic;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>Checks that a call allocates nothing in steady state.</summary>
    public static class Allocation
    {
        /// <summary>
        /// Warms <paramref name="call"/> up, then measures rounds of <paramref name="calls"/> calls with
        /// GC.GetAllocatedBytesForCurrentThread and passes when a round allocates 0 bytes. A few rounds are allowed because
        /// tiered compilation can swap in optimized code (on-stack replacement) during the first rounds, which is the
        /// runtime's one-time cost, not the call's; a real per-call allocation shows in every round.
        /// </summary>
        public static void AssertNone(Action call, string what, int calls = 1000, int rounds = 5)
            => AssertNone(call, what, GC.GetAllocatedBytesForCurrentThread, calls, rounds);

        /// <summary>As above, counting with <paramref name="allocatedBytes"/> (e.g. the whole process, for work on other threads).</summary>
        public static void AssertNone(Action call, string what, Func<long> allocatedBytes, int calls = 1000, int rounds = 5)
        {
            for (int i = 0; i < 200; i++)
            {
                call();
            }

            var seen = new List<long>();
            for (int round = 0; round < rounds; round++)
            {
                long before = allocatedBytes();
                for (int i = 0; i < calls; i++)
                {
                    call();
                }

                long allocated = allocatedBytes() - before;
                if (allocated == 0)
                {
                    return;
                }

                seen.Add(allocated);
            }

            Assert.Fail($"{what} allocated in every round of {calls} calls: {string.Join(", ", seen)} bytes");
        }
    }
}
