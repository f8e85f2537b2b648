using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ConvGen
{
    /// <summary>
    /// Spreads a batch of images over cores for a generated network's batch <c>Run</c>. Each worker owns one network
    /// instance (its own scratch, shared packed weights), created once the first time that many workers are asked for
    /// and kept for later calls. Workers are pre-allocated thread-pool work items that claim images one at a time
    /// from a shared counter (so a core slowed by other load simply takes fewer images); the calling thread works
    /// too. In steady state a call allocates nothing: no delegates, closures or tasks per call.
    /// Not thread-safe: one batch at a time per runner (as a network instance runs one image at a time).
    /// </summary>
    public sealed class BatchRunner
    {
        private readonly Func<IConvNet> _createWorker;
        private IConvNet[] _networks;
        private Worker[] _workers = Array.Empty<Worker>();

        // The batch in progress, read by the workers.
        private ReadOnlyMemory<float> _input;
        private Memory<float> _output;
        private int _batchSize;
        private int _inputLength;
        private int _outputLength;
        private int _nextImage;
        private ExceptionDispatchInfo? _failure;

        /// <param name="owner">The network the caller holds; the calling thread runs images on it.</param>
        /// <param name="createWorker">Creates another instance of the same network (sharing weights, own scratch) for a worker.</param>
        public BatchRunner(IConvNet owner, Func<IConvNet> createWorker)
        {
            _networks = new[] { owner ?? throw new ArgumentNullException(nameof(owner)) };
            _createWorker = createWorker ?? throw new ArgumentNullException(nameof(createWorker));
        }

        /// <summary>
        /// Runs <paramref name="batchSize"/> images: image i reads <c>input[i * InputLength ..]</c> and writes
        /// <c>output[i * OutputLength ..]</c>. The caller has checked the lengths.
        /// </summary>
        /// <param name="input">The images, NHWC, one after the other.</param>
        /// <param name="output">The outputs, one after the other.</param>
        /// <param name="batchSize">Number of images.</param>
        /// <param name="maxDegreeOfParallelism">Most threads to use, the caller's included; 0 or less: one per processor.</param>
        public void Run(ReadOnlyMemory<float> input, Memory<float> output, int batchSize, int maxDegreeOfParallelism)
        {
            IConvNet owner = _networks[0];
            int degree = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
            degree = Math.Min(degree, batchSize);
            if (degree <= 1)
            {
                int inLength = owner.InputLength, outLength = owner.OutputLength;
                for (int i = 0; i < batchSize; i++)
                {
                    owner.Run(input.Span.Slice(i * inLength, inLength), output.Span.Slice(i * outLength, outLength));
                }

                return;
            }

            EnsureWorkers(degree);
            _input = input;
            _output = output;
            _batchSize = batchSize;
            _inputLength = owner.InputLength;
            _outputLength = owner.OutputLength;
            _nextImage = 0;
            _failure = null;
            try
            {
                for (int k = 1; k < degree; k++)
                {
                    _workers[k].Done.Reset();
                    ThreadPool.UnsafeQueueUserWorkItem(_workers[k], preferLocal: false);
                }

                Work(0);
                for (int k = 1; k < degree; k++)
                {
                    _workers[k].Done.Wait();
                }
            }
            finally
            {
                // Do not keep the caller's buffers alive.
                _input = default;
                _output = default;
            }

            _failure?.Throw();
        }

        /// <summary>Claims and runs images until none are left.</summary>
        private void Work(int worker)
        {
            IConvNet network = _networks[worker];
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

        /// <summary>Grows the worker set to <paramref name="count"/> (never shrinks, so alternating degrees do not reallocate).</summary>
        private void EnsureWorkers(int count)
        {
            if (_workers.Length >= count)
            {
                return;
            }

            var networks = new IConvNet[count];
            var workers = new Worker[count];
            Array.Copy(_networks, networks, _networks.Length);
            Array.Copy(_workers, workers, _workers.Length);
            for (int k = Math.Max(1, _workers.Length); k < count; k++)
            {
                networks[k] = _createWorker();
                workers[k] = new Worker(this, k);
            }

            _networks = networks;
            _workers = workers;
        }

        /// <summary>A reusable thread-pool work item: runs <see cref="Work"/> for its index, then signals.</summary>
        private sealed class Worker : IThreadPoolWorkItem
        {
            private readonly BatchRunner _runner;
            private readonly int _index;

            public Worker(BatchRunner runner, int index)
            {
                _runner = runner;
                _index = index;
            }

            public ManualResetEventSlim Done { get; } = new ManualResetEventSlim(false);

            public void Execute()
            {
                _runner.Work(_index);
                Done.Set();
            }
        }
    }
}
