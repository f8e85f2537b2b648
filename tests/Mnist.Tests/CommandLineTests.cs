using System.IO;

namespace Mnist.Tests;

public class CommandLineTests
{
    private static (int Code, MnistOptions? Options) Parse(params string[] args)
    {
        MnistOptions? seen = null;
        var output = new StringWriter();
        int code = MnistOptions.Command(o =>
        {
            seen = o;
            return 0;
        }).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (code, seen);
    }

    [Fact]
    public void Defaults()
    {
        (int code, MnistOptions? o) = Parse();

        Assert.Equal(0, code);
        Assert.NotNull(o);
        Assert.Null(o.Data);
        Assert.Equal(12, o.Epochs);
        Assert.False(o.Quick);
        Assert.False(o.FineTune);
        Assert.Equal(Path.GetFullPath("mnist-output"), o.Output);
        Assert.Equal(64, o.BatchSize);
    }

    [Fact]
    public void Every_option_is_read()
    {
        (_, MnistOptions? o) = Parse("--data", "/d", "--epochs", "3", "--quick", "--finetune", "--output", "/o", "--weights", "/w.safetensors", "--batch-size", "32", "--seed", "9");

        Assert.Equal(new MnistOptions { Data = "/d", Epochs = 3, Quick = true, FineTune = true, Output = "/o", Weights = "/w.safetensors", BatchSize = 32, Seed = 9 }, o);
    }

    [Theory]
    [InlineData("--epochs", "-1")]
    [InlineData("--batch-size", "0")]
    [InlineData("--epochs", "many")]
    public void Bad_values_are_refused_before_running(string option, string value)
    {
        (int code, MnistOptions? o) = Parse(option, value);

        Assert.NotEqual(0, code);
        Assert.Null(o);
    }
}
