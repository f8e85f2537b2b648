using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// The third planning stage: memory for every value of a <see cref="StepList"/>, by liveness over the step order. A
    /// value takes a free scratch slot when written and frees it after its last reader, so a step never writes a slot it
    /// reads. A free slot that is already large enough is preferred (the smallest such), else the largest free slot grows,
    /// else a new slot opens. The final value goes to the caller's output, the network input stays in the caller's input.
    /// The Winograd steps' workspace follows the slots.
    /// </summary>
    internal sealed class BufferAssignment
    {
        private readonly StepList _steps;
        private readonly BufferRef[] _buffers;

        private BufferAssignment(StepList steps, BufferRef[] buffers, int[] slotLengths)
        {
            _steps = steps;
            _buffers = buffers;
            SlotLengths = slotLengths;
            var offsets = new int[slotLengths.Length];
            int scratch = 0;
            for (int i = 0; i < slotLengths.Length; i++)
            {
                offsets[i] = scratch;
                scratch += slotLengths[i];
            }

            SlotOffsets = offsets;
            WorkspaceOffset = scratch;
            foreach (LayerPlan step in steps.Steps)
            {
                if (step.WinogradTile > 0)
                {
                    WorkspaceLength = System.Math.Max(WorkspaceLength, WinogradSelection.WorkspaceLength(step));
                }
                else if (step.NarrowWinograd)
                {
                    WorkspaceLength = System.Math.Max(WorkspaceLength, WinogradSizes.NarrowWorkspaceLength(step.Layer.InputShape.Channels, step.Layer.OutputShape.Width));
                }
            }

            ScratchLength = scratch + WorkspaceLength;
        }

        /// <summary>Floats in each scratch slot (the largest value it ever holds).</summary>
        public IReadOnlyList<int> SlotLengths { get; }

        /// <summary>Offset of each scratch slot in the scratch array (the slots lie one after the other).</summary>
        public IReadOnlyList<int> SlotOffsets { get; }

        /// <summary>
        /// Floats of workspace after the slots, shared by the steps that run as Winograd (one at a time): the largest any of
        /// them needs (its transformed tiles); 0 without such steps.
        /// </summary>
        public int WorkspaceLength { get; }

        /// <summary>Offset of the workspace in the scratch array: after the slots.</summary>
        public int WorkspaceOffset { get; }

        /// <summary>Floats of scratch the constructor allocates: the slot lengths and the workspace.</summary>
        public int ScratchLength { get; }

        /// <summary>Where each value lives.</summary>
        public IReadOnlyList<BufferRef> Values => _buffers;

        /// <summary>The buffers step <paramref name="step"/> reads, in order.</summary>
        public IReadOnlyList<BufferRef> SourcesOf(int step) => _steps.Reads[step].Select(v => _buffers[v]).ToArray();

        /// <summary>The buffer step <paramref name="step"/> writes.</summary>
        public BufferRef DestinationOf(int step) => _buffers[_steps.Writes[step]];

        public static BufferAssignment Assign(StepList steps)
        {
            int valueCount = steps.ValueLengths.Count;
            var lastRead = Enumerable.Repeat(-1, valueCount).ToArray();
            for (int s = 0; s < steps.Steps.Count; s++)
            {
                foreach (int v in steps.Reads[s])
                {
                    lastRead[v] = s;
                }
            }

            var buffers = new BufferRef[valueCount];
            buffers[0] = BufferRef.Input;
            var slotLengths = new List<int>();
            var free = new List<int>();
            for (int s = 0; s < steps.Steps.Count; s++)
            {
                int value = steps.Writes[s];
                if (value == steps.FinalValue)
                {
                    buffers[value] = BufferRef.Output;
                }
                else
                {
                    int slot = TakeSlot(free, slotLengths, steps.ValueLengths[value]);
                    buffers[value] = BufferRef.Scratch(slot);
                    if (lastRead[value] < 0)
                    {
                        free.Add(slot); // never read: its slot is free again at once
                    }
                }

                foreach (int v in steps.Reads[s].Distinct())
                {
                    if (lastRead[v] == s && buffers[v].IsScratch)
                    {
                        free.Add(buffers[v].Slot);
                    }
                }
            }

            return new BufferAssignment(steps, buffers, slotLengths.ToArray());
        }

        private static int TakeSlot(List<int> free, List<int> slotLengths, int length)
        {
            int best = -1;
            foreach (int slot in free)
            {
                if (slotLengths[slot] >= length && (best < 0 || slotLengths[slot] < slotLengths[best]))
                {
                    best = slot; // the smallest free slot that is large enough
                }
            }

            if (best < 0)
            {
                foreach (int slot in free)
                {
                    if (best < 0 || slotLengths[slot] > slotLengths[best])
                    {
                        best = slot; // else the largest, grown
                    }
                }
            }

            if (best < 0)
            {
                slotLengths.Add(length);
                return slotLengths.Count - 1;
            }

            free.Remove(best);
            slotLengths[best] = System.Math.Max(slotLengths[best], length);
            return best;
        }
    }
}
