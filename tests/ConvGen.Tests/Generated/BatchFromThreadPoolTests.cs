using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    /// <summary>
    /// Batch calls made from thread-pool threads (a web server handling requests) do not stall: a call never waits for
    /// a work item the pool has not started. Before, 16 such calls took 13 s instead of milliseconds.
    /// Runs alone (timing).
    /// </summary>
    [Collection(nameof(ProcessWideAllocation))]
    public class BatchFromThreadPoolTests
    {
        private const int Calls = 32;
        private const int Images = 4;

        [Fact]
        public async Task ConcurrentBatchCallsFromPoolThreadsFinishInAboutTheSequentialTime()
        {
            var random = new Random(11);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(BatchTestNet.Network));
            float[] input = TestData.Uniform(random, Images * BatchTestNet.InputLength);
            BatchTestNet[] nets = Enumerable.Range(0, Calls).Select(_ => new BatchTestNet(parameters)).ToArray();
            float[][] outputs = Enumerable.Range(0, Calls).Select(_ => new float[Images * BatchTestNet.OutputLength]).ToArray();
            var expected = new float[Images * BatchTestNet.OutputLength];
            new BatchTestNet(parameters).Run(input, expected, Images, 1);

            // Warm up (JIT, worker instances), then time the calls one after the other.
            for (int i = 0; i < Calls; i++)
            {
                nets[i].Run(input, outputs[i], Images, 0);
            }

            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Calls; i++)
            {
                nets[i].Run(input, outputs[i], Images, 0);
            }

            TimeSpan sequential = clock.Elapsed;

            foreach (float[] output in outputs)
            {
                Array.Fill(output, float.NaN);
            }

            clock.Restart();
            Task[] tasks = Enumerable.Range(0, Calls)
                .Select(i => Task.Run(() => nets[i].Run(input, outputs[i], Images, 0)))
                .ToArray();
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
            TimeSpan concurrent = clock.Elapsed;

            foreach (float[] output in outputs)
            {
                Assert.True(output.AsSpan().SequenceEqual(expected), "a concurrent batch call gave a different output");
            }

            // Generous for a loaded 2-core machine; the stall this guards against took seconds.
            TimeSpan limit = sequential * 10 + TimeSpan.FromMilliseconds(500);
            Assert.True(concurrent < limit, $"{Calls} concurrent batch calls took {concurrent.TotalMilliseconds:F0} ms; one after the other {sequential.TotalMilliseconds:F1} ms");
        }

        [Fact]
        public void ABatchCallFinishesAloneWhenNoPoolThreadIsFree()
        {
            var random = new Random(12);
            float[] parameters = TestData.Parameters(random, ShapeInference.Analyze(BatchTestNet.Network));
            float[] input = TestData.Uniform(random, Images * BatchTestNet.InputLength);
            var expected = new float[Images * BatchTestNet.OutputLength];
            new BatchTestNet(parameters).Run(input, expected, Images, 1);
            var network = new BatchTestNet(parameters);
            var output = new float[Images * BatchTestNet.OutputLength];
            network.Run(input, output, Images, 2); // creates the helper's instance

            // Occupy every pool thread, and more: the helper the batch queues cannot start until the pool has grown
            // past all of these, which takes it many seconds.
            // Not disposed: the blocked items still wait on it after the test returns.
            var gate = new ManualResetEventSlim(false);
            int blockers = ThreadPool.ThreadCount + 40;
            for (int i = 0; i < blockers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => gate.Wait(), null);
            }

            try
            {
                Array.Fill(output, float.NaN);
                var caller = new Thread(() => network.Run(input, output, Images, 2));
                var clock = Stopwatch.StartNew();
                caller.Start();
                bool finished = caller.Join(TimeSpan.FromSeconds(5));
                Assert.True(finished, $"the batch call waited for a pool thread: not finished after {clock.Elapsed.TotalSeconds:F1} s");
                Assert.True(output.AsSpan().SequenceEqual(expected), "the batch output differs from the sequential one");
            }
            finally
            {
                gate.Set();
            }
        }
    }
}
