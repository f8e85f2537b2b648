using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ConvGen
{
    /// <summary>
    /// Spreads a batch of images over cores for a generated network's batch <c>Run</c>. The calling thread claims images
    /// one at a time from a shared counter and can finish the whole batch alone; thread-pool helpers only help. A call
    /// never waits for a helper that has not started (a busy pool, a web server handling requests): it waits only for
    /// helpers that are running an image, and a helper that starts late finds no work and leaves without touching the
    /// caller's buffers. Each helper runs on a network instance of its own (own scratch, shared packed weights), created
    /// the first time that many helpers are asked for and kept for later calls: at most
    /// <see cref="Environment.ProcessorCount"/> - 1 extra instances. In steady state a call allocates nothing.
    /// One batch at a time per runner: a second concurrent call throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public sealed class BatchRunner : IThreadPoolWorkItem
    {
        private readonly Func<IConvNet> _createWorker;
        private IConvNet[] _networks;
        private int[] _slotBusy = Array.Empty<int>();

        // The batch in progress, read by the helpers once they have seen _open == 1.
        private ReadOnlyMemory<float> _input;
        private Memory<float> _output;
        private int _batchSize;
        private int _degree;
        private int _inputLength;
        private int _outputLength;
        private int _nextImage;
        private ExceptionDispatchInfo? _failure;

        private int _running;  // 1 while a call is in progress (the concurrent-use guard)
        private int _open;     // 1 while helpers may join the batch in progress
        private int _active;   // helpers that have joined (or are checking whether they may) and not yet left
        private int _pending;  // helpers queued to the thread pool and not yet started
        private readonly ManualResetEventSlim _helpersLeft = new ManualResetEventSlim(false);

        /// <param name="owner">The network the caller holds; the calling thread runs images on it.</param>
        /// <param name="createWorker">Creates another instance of the same network (sharing weights, own scratch) for a helper.</param>
        public BatchRunner(IConvNet owner, Func<IConvNet> createWorker)
        {
            _networks = new[] { owner ?? throw new ArgumentNullException(nameof(owner)) };
            _createWorker = createWorker ?? throw new ArgumentNullException(nameof(createWorker));
        }

        /// <summary>
        /// The number of threads a batch call uses for <paramref name="maxDegreeOfParallelism"/> and
        /// <paramref name="batchSize"/>: 0 or less means one per processor; more than the processor count or the batch
        /// size is capped at those.
        /// </summary>
        public static int EffectiveDegree(int maxDegreeOfParallelism, int batchSize)
        {
            int processors = Environment.ProcessorCount;
            int degree = maxDegreeOfParallelism > 0 ? Math.Min(maxDegreeOfParallelism, processors) : processors;
            return Math.Max(1, Math.Min(degree, batchSize));
        }

        /// <summary>Network instances this runner holds, the caller's included (memory kept between calls).</summary>
        public int InstanceCount => _networks.Length;

        /// <summary>
        /// Runs <paramref name="batchSize"/> images: image i reads <c>input[i * InputLength ..]</c> and writes
        /// <c>output[i * OutputLength ..]</c>. The caller has checked the lengths.
        /// </summary>
        /// <param name="input">The images, NHWC, one after the other.</param>
        /// <param name="output">The outputs, one after the other.</param>
        /// <param name="batchSize">Number of images.</param>
        /// <param name="maxDegreeOfParallelism">Most threads to use, the caller's included; 0 or less: one per processor;
        /// never more than <see cref="Environment.ProcessorCount"/>.</param>
        /// <exception cref="InvalidOperationException">Another thread is running a batch on this runner.</exception>
        public void Run(ReadOnlyMemory<float> input, Memory<float> output, int batchSize, int maxDegreeOfParallelism)
        {
            if (Interlocked.Exchange(ref _running, 1) != 0)
            {
                throw ConcurrentUse(_networks[0].GetType().Name);
            }

            try
            {
                RunBatch(input, output, batchSize, EffectiveDegree(maxDegreeOfParallelism, batchSize));
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }

        /// <summary>The exception for a network instance (or its batch runner) used by two threads at once.</summary>
        public static InvalidOperationException ConcurrentUse(string networkName) => new InvalidOperationException(
            $"This {networkName} instance is already running on another thread. An instance runs one call at a time " +
            "(Run uses its scratch buffers): create one instance per thread, or pass all images to one call of the " +
            "batch Run overload, which spreads them over cores itself.");

        private void RunBatch(ReadOnlyMemory<float> input, Memory<float> output, int batchSize, int degree)
        {
            IConvNet owner = _networks[0];
            int inLength = owner.InputLength, outLength = owner.OutputLength;
            if (degree <= 1)
            {
                for (int i = 0; i < batchSize; i++)
                {
                    owner.Run(input.Span.Slice(i * inLength, inLength), output.Span.Slice(i * outLength, outLength));
                }

                return;
            }

            // No helper is active here: the previous call waited for every helper that joined it.
            EnsureInstances(degree);
            _input = input;
            _output = output;
            _batchSize = batchSize;
            _degree = degree;
            _inputLength = inLength;
            _outputLength = outLength;
            _nextImage = 0;
            _failure = null;
            _helpersLeft.Reset();
            Interlocked.Exchange(ref _open, 1); // a full fence: helpers that see _open == 1 see the fields above

            // Queue only as many helpers as are missing: helpers still queued from an earlier call (a busy pool) join this one.
            int missing = degree - 1 - Volatile.Read(ref _pending);
            if (missing > 0)
            {
                Interlocked.Add(ref _pending, missing);
                for (int k = 0; k < missing; k++)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                }
            }

            try
            {
                RunImages(owner);
            }
            finally
            {
                // Close the batch, then wait only for helpers that joined it (they are running an image, or leaving).
                Interlocked.Exchange(ref _open, 0);
                while (Volatile.Read(ref _active) != 0)
                {
                    _helpersLeft.Wait();
                    _helpersLeft.Reset();
                }

                // Do not keep the caller's buffers alive.
                _input = default;
                _output = default;
            }

            _failure?.Throw();
        }

        /// <summary>A helper, on a thread-pool thread: joins the batch in progress if there is one, else leaves.</summary>
        void IThreadPoolWorkItem.Execute()
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _active);
            try
            {
                // After the increment (a full fence): if the caller has not closed the batch yet, it will wait for us.
                if (Volatile.Read(ref _open) == 1)
                {
                    int slot = ClaimSlot();
                    if (slot > 0)
                    {
                        try
                        {
                            RunImages(_networks[slot]);
                        }
                        finally
                        {
                            Volatile.Write(ref _slotBusy[slot], 0);
                        }
                    }
                }
            }
            finally
            {
                if (Interlocked.Decrement(ref _active) == 0 && Volatile.Read(ref _open) == 0)
                {
                    _helpersLeft.Set();
                }
            }
        }

        /// <summary>A free helper instance below the batch's degree, or 0 when every one is taken.</summary>
        private int ClaimSlot()
        {
            int degree = _degree;
            for (int k = 1; k < degree; k++)
            {
                if (Interlocked.CompareExchange(ref _slotBusy[k], 1, 0) == 0)
                {
                    return k;
                }
            }

            return 0;
        }

        /// <summary>Claims and runs images until none are left.</summary>
        private void RunImages(IConvNet network)
        {
            try
            {
                int image;
                while ((image = Interlocked.Increment(ref _nextImage) - 1) < _batchSize)
                {
                    network.Run(
                        _input.Span.Slice(image * _inputLength, _inputLength),
                        _output.Span.Slice(image * _outputLength, _outputLength));
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);
                Volatile.Write(ref _nextImage, int.MaxValue / 2); // stop the others early
            }
        }

        /// <summary>Grows the instance set to <paramref name="count"/> (never shrinks, so alternating degrees do not reallocate).</summary>
        private void EnsureInstances(int count)
        {
            if (_networks.Length >= count)
            {
                return;
            }

            var networks = new IConvNet[count];
            Array.Copy(_networks, networks, _networks.Length);
            for (int k = _networks.Length; k < count; k++)
            {
                networks[k] = _createWorker();
            }

            _slotBusy = new int[count];
            _networks = networks;
        }
    }
}
