using System;
using System.Threading;

namespace ConvGen.Training
{
    /// <summary>
    /// Runs numbered work items on the calling thread plus a few helper threads shared by the whole process. The caller
    /// takes items itself from a shared counter, so a call never waits for a thread that has not started: when the helpers
    /// are busy with another call (two trainers at once), the caller simply does every item alone. Which thread runs an
    /// item never changes what the item computes, so results do not depend on the thread count. Allocation-free per call.
    /// </summary>
    public static class ParallelChunks
    {
        private static readonly object StartLock = new object();
        private static Helper[]? _helpers;
        private static int _busy;
        private static Action<int>? _body;
        private static int _count;
        private static int _next;
        private static int _active;
        private static Exception? _failure;

        /// <summary>Runs <paramref name="body"/>(0 .. <paramref name="count"/> - 1), each exactly once, on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
        public static void Run(int count, Action<int> body, int maxDegreeOfParallelism)
        {
            if (body is null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            int threads = Math.Min(Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount), count);
            if (threads <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            {
                for (int i = 0; i < count; i++)
                {
                    body(i);
                }

                return;
            }

            try
            {
                Helper[] helpers = EnsureHelpers();
                _body = body;
                _count = count;
                _next = 0;
                _failure = null;
                int woken = Math.Min(threads - 1, helpers.Length);
                Volatile.Write(ref _active, woken);
                for (int h = 0; h < woken; h++)
                {
                    helpers[h].Wake.Set();
                }

                Work();
                // Spin and yield, never Thread.Sleep(1): a helper finishes within microseconds, and a millisecond's
                // sleep (SpinWait's default after a few rounds) cost more than a whole layer on a busy machine.
                var spinner = default(SpinWait);
                while (Volatile.Read(ref _active) != 0)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                if (_failure is { } failure)
                {
                    throw new AggregateException("A parallel training work item failed.", failure);
                }
            }
            finally
            {
                _body = null;
                Volatile.Write(ref _busy, 0);
            }
        }

        private static void Work()
        {
            Action<int> body = _body!;
            int i;
            while ((i = Interlocked.Increment(ref _next) - 1) < _count)
            {
                try
                {
                    body(i);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _failure, ex, null);
                }
            }
        }

        private static Helper[] EnsureHelpers()
        {
            if (_helpers is { } ready)
            {
                return ready;
            }

            lock (StartLock)
            {
                if (_helpers is null)
                {
                    var helpers = new Helper[Math.Max(Environment.ProcessorCount - 1, 0)];
                    for (int h = 0; h < helpers.Length; h++)
                    {
                        helpers[h] = new Helper(h);
                    }

                    _helpers = helpers;
                }

                return _helpers;
            }
        }

        private sealed class Helper
        {
            public readonly ManualResetEventSlim Wake = new ManualResetEventSlim(false, 2000);

            public Helper(int index)
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "ConvGen training helper " + index };
                thread.Start();
            }

            private void Loop()
            {
                while (true)
                {
                    Wake.Wait();
                    Wake.Reset();
                    Work();
                    Interlocked.Decrement(ref _active);
                }
            }
        }
    }
}
