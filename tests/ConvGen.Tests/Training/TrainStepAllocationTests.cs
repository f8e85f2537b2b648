using System;
using System.Linq;
using ConvGen.Tests.Generated;
using ConvGen.Tests.Infrastructure;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>A generated TrainStep allocates nothing in steady state, on one thread or spread over the cores.</summary>
    [Collection(nameof(ProcessWideAllocation))]
    public class TrainStepAllocationTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void TrainStep_allocates_nothing_after_the_first_step(int threads)
        {
            using LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(TrainerSmokeTests.Source, TrainerSmokeTests.Factory);
            var random = new Random(6);
            NetworkAnalysis analysis = ShapeInference.Analyze(TrainerSmokeTests.Spec());
            const int batch = 16; // two chunks of 8 images
            var trainer = (ITrainer)loaded.Assembly.GetType("TrainerFactory")!.GetMethod("Create")!.Invoke(null, new object[] { TestData.Parameters(random, analysis), batch })!;
            float[] inputs = TestData.Uniform(random, batch * (int)analysis.InputShape.Length);
            int[] labels = Enumerable.Range(0, batch).Select(i => i % 3).ToArray();
            trainer.GetType().GetProperty("MaxDegreeOfParallelism")!.SetValue(trainer, threads);
            var adam = new Adam(1e-3f) { Schedule = LearningRateSchedule.CosineDecay(1e-3f, 100) };
            trainer.TrainStep(inputs, labels, Loss.SparseCategoricalCrossentropy, adam); // creates the optimizer state
            for (int warm = 0; warm < 3; warm++)
            {
                trainer.TrainStep(inputs, labels, Loss.SparseCategoricalCrossentropy, adam);
            }

            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int step = 0; step < 20; step++)
            {
                trainer.TrainStep(inputs, labels, Loss.SparseCategoricalCrossentropy, adam);
            }

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            // Whole process (helper threads included), with no other test running (the collection runs alone).
            Assert.True(allocated < 20 * 64, $"{allocated} bytes over 20 steps");
        }
    }
}
