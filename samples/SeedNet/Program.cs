using System;
using System.Globalization;
using ConvGen;
using ConvGen.Reference;
using SeedNetSample;

// Deterministic weights and input (what a user would load from a Keras export instead).
float[] parameters = Fill(SeedNet.ParameterCount, seed: 1, scale: 0.25f);
float[] input = Fill(SeedNet.InputLength, seed: 2, scale: 1f);

var net = new SeedNet(parameters);
var output = new float[SeedNet.OutputLength];
net.Run(input, output);

var reference = new ReferenceInterpreter(SeedNet.Network, parameters);
float[] expected = reference.Run(input);

double checksum = 0, maxDiff = 0;
for (int i = 0; i < output.Length; i++)
{
    checksum += output[i];
    maxDiff = Math.Max(maxDiff, Math.Abs(output[i] - expected[i]));
}

Console.WriteLine(ModelSummary.Format(reference.Analysis, nameof(SeedNet)));
Console.WriteLine();
Console.WriteLine($"Output shape: [{SeedNet.OutputHeight}, {SeedNet.OutputWidth}, {SeedNet.OutputChannels}]");
Console.WriteLine("Checksum (sum of outputs): " + checksum.ToString("F6", CultureInfo.InvariantCulture));
Console.WriteLine("Max |generated - interpreter|: " + maxDiff.ToString("E3", CultureInfo.InvariantCulture));
return maxDiff <= 1e-4 ? 0 : 1;

// xorshift32 values in [-scale, scale): reproducible on every machine.
static float[] Fill(int length, uint seed, float scale)
{
    var values = new float[length];
    uint state = 2463534242u ^ seed;
    for (int i = 0; i < length; i++)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        values[i] = ((state >> 8) / (float)(1 << 24) * 2f - 1f) * scale;
    }

    return values;
}
