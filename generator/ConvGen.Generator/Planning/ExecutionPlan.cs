using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// How a network runs, planned in four stages, each a plain result of its own:
    /// <see cref="GraphRewrites"/> (what runs as code: folding, fusion, the separable split, renames),
    /// <see cref="StepList"/> (the steps in declaration order and the values they pass),
    /// <see cref="BufferAssignment"/> (a scratch slot per value by liveness; the input and the final value stay in the
    /// caller's spans) and <see cref="WeightLayout"/> (the packed weights). The emitters read only this.
    /// </summary>
    internal sealed class ExecutionPlan
    {
        private ExecutionPlan(NetworkAnalysis analysis, GraphRewrites rewrites, StepList steps, BufferAssignment buffers, WeightLayout weights)
        {
            Analysis = analysis;
            Rewrites = rewrites;
            Steps = steps;
            Buffers = buffers;
            Weights = weights;
        }

        public NetworkAnalysis Analysis { get; }

        /// <summary>What became of each declared layer.</summary>
        public GraphRewrites Rewrites { get; }

        /// <summary>The steps and the values they pass.</summary>
        public StepList Steps { get; }

        /// <summary>Where each value lives.</summary>
        public BufferAssignment Buffers { get; }

        /// <summary>The packed weights.</summary>
        public WeightLayout Weights { get; }

        /// <summary>The steps, in run order, with their buffers and packed weights.</summary>
        public IReadOnlyList<LayerPlan> Layers => Steps.Steps;

        /// <summary>Offset of each scratch slot in the scratch array.</summary>
        public IReadOnlyList<int> SlotOffsets => Buffers.SlotOffsets;

        /// <summary>Floats in each scratch slot (the largest value it ever holds).</summary>
        public IReadOnlyList<int> SlotLengths => Buffers.SlotLengths;

        /// <summary>Floats of scratch the constructor allocates: the slot lengths and the workspace.</summary>
        public int ScratchLength => Buffers.ScratchLength;

        /// <summary>Floats of workspace for the Winograd steps, at <see cref="WorkspaceOffset"/> in the scratch; 0 without.</summary>
        public int WorkspaceLength => Buffers.WorkspaceLength;

        /// <summary>Offset of the workspace in the scratch array.</summary>
        public int WorkspaceOffset => Buffers.WorkspaceOffset;

        /// <summary>Floats of packed weights the constructor allocates.</summary>
        public int PackedLength => Weights.PackedLength;

        /// <summary>True when the network's output is its input unchanged (only renaming layers): Run copies it.</summary>
        public bool CopiesInputToOutput => Steps.FinalValue == 0;

        /// <summary>Whether some step skips zero inputs (<see cref="LayerPlan.SkipsZeros"/>): the class then keeps whether its weights are all finite.</summary>
        public bool SkipsZeros => Layers.Any(step => step.SkipsZeros);

        /// <param name="analysis">The analysed network.</param>
        /// <param name="winograd">Whether eligible convolutions may run as Winograd (<see cref="WinogradSelection"/>).</param>
        public static ExecutionPlan Create(NetworkAnalysis analysis, bool winograd = true)
        {
            GraphRewrites rewrites = GraphRewrites.Find(analysis.Layers, winograd);
            StepList steps = StepList.Build(analysis, rewrites, winograd);
            BufferAssignment buffers = BufferAssignment.Assign(steps);
            WeightLayout weights = WeightLayout.Create(steps.Steps);
            for (int s = 0; s < steps.Steps.Count; s++)
            {
                LayerPlan step = steps.Steps[s];
                step.Sources = buffers.SourcesOf(s);
                step.Destination = buffers.DestinationOf(s);
                step.Weights = weights.Steps[s];
                if (step.FusedDepthwise is LayerPlan depthwise)
                {
                    depthwise.Weights = weights.FusedDepthwise[s]!;
                }
            }

            return new ExecutionPlan(analysis, rewrites, steps, buffers, weights);
        }
    }
}
