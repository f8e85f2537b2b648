using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>Runs alone: it counts the whole process's allocations, which other tests running in parallel would disturb.</summary>
    [CollectionDefinition(nameof(ProcessWideAllocation), DisableParallelization = true)]
    public sealed class ProcessWideAllocation
    {
    }

    /// <summary>The batch Run allocates nothing in steady state, on the calling thread or on its workers.</summary>
    [Collection(nameof(ProcessWideAllocation))]
    public class BatchAllocationTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void BatchRunAllocatesNothingAfterTheFirstCall(int threads)
        {
            const int Images = 8;
            var network = new BatchTestNet(new float[BatchTestNet.ParameterCount]);
            float[] input = TestData.Uniform(new Random(9), Images * BatchTestNet.InputLength);
            var output = new float[Images * BatchTestNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output, Images, threads), $"batch Run on {threads} thread(s)",
                () => GC.GetTotalAllocatedBytes(precise: true), calls: 200, rounds: 10);
        }
    }
}
