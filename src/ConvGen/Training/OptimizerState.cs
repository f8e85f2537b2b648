using System;

namespace ConvGen.Training
{
    /// <summary>An optimizer's per-trainer state: one array per slot (moments), each as long as the parameter vector, and the step count.</summary>
    public sealed class OptimizerState
    {
        internal OptimizerState(Optimizer owner, int parameterCount, int slots)
        {
            Owner = owner;
            Slots = new float[slots][];
            for (int i = 0; i < slots; i++)
            {
                Slots[i] = new float[parameterCount];
            }
        }

        /// <summary>The optimizer this state belongs to.</summary>
        public Optimizer Owner { get; }

        /// <summary>The slots (for Adam: first and second moments), each one float per parameter.</summary>
        public float[][] Slots { get; }

        /// <summary>Updates applied so far (Keras <c>optimizer.iterations</c>).</summary>
        public long Iterations { get; set; }
    }
}
