using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class TraceReaderTests
{
    private const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens";

    [Fact]
    public void Azure_rows_become_seconds_after_the_first_arrival()
    {
        var trace = AzureTraceReader.Read(new StringReader($"{Header}\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:50.9951690,396,109"), "conv.csv");

        Assert.Equal(2, trace.Requests.Count);
        Assert.Equal(0, trace.Requests[0].ArrivalSeconds);
        Assert.Equal(4.314579, trace.Requests[1].ArrivalSeconds, 6);
        Assert.Equal((396, 109), (trace.Requests[1].InputTokens, trace.Requests[1].OutputTokens));
    }

    [Theory]
    [InlineData("TIME,In,Out\n2023-11-16 18:15:46.68,1,1", 1, "expected header")]
    [InlineData(Header + "\n2023-11-16 18:15:46.68,1,1\n2023-11-16 18:15:47.00,12x,3", 3, "bad ContextTokens '12x'")]
    [InlineData(Header + "\n2023-11-16 18:15:46.68,1,1\nnot-a-time,1,1", 3, "bad TIMESTAMP")]
    [InlineData(Header + "\n2023-11-16 18:15:46.68,1", 2, "expected 3 fields")]
    [InlineData(Header + "\n2023-11-16 18:15:46.68,1,1\n2023-11-16 18:15:40.00,1,1", 3, "backwards")]
    public void Azure_malformed_rows_name_the_line(string text, int line, string problem)
    {
        var error = Assert.Throws<TraceFormatException>(() => AzureTraceReader.Read(new StringReader(text), "bad.csv"));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"bad.csv:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mooncake_rows_use_millisecond_timestamps()
    {
        var trace = MooncakeTraceReader.Read(new StringReader(
            "{\"timestamp\": 0, \"input_length\": 6755, \"output_length\": 500, \"hash_ids\": [0, 1]}\n" +
            "{\"timestamp\": 2500, \"input_length\": 10, \"output_length\": 5, \"hash_ids\": []}\n"), "mc.jsonl");

        Assert.Equal([0.0, 2.5], trace.Requests.Select(r => r.ArrivalSeconds));
        Assert.Equal(6755, trace.Requests[0].InputTokens);
    }

    [Theory]
    [InlineData("{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}\n{\"timestamp\": 5, \"input_length\": 1", 2, "invalid JSON")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}\n\n{\"timestamp\": 5, \"output_length\": 1}", 3, "input_length")]
    [InlineData("[1,2]", 1, "expected a JSON object")]
    [InlineData("{\"timestamp\": \"x\", \"input_length\": 1, \"output_length\": 1}", 1, "timestamp")]
    public void Mooncake_malformed_rows_name_the_line(string text, int line, string problem)
    {
        var error = Assert.Throws<TraceFormatException>(() => MooncakeTraceReader.Read(new StringReader(text), "mc.jsonl"));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_scale_multiplies_arrivals_and_time_scale_stretches_them()
    {
        var trace = Synthetic.Segments(10, 10, (1, 100));

        var doubled = TraceTransforms.Apply(trace, 2, 1, 1);
        var stretched = TraceTransforms.Apply(trace, 1, 2, 1);

        Assert.Equal(2 * trace.Requests.Count, doubled.Requests.Count);
        Assert.Equal(2 * trace.DurationSeconds, stretched.DurationSeconds, 6);
        Assert.True(doubled.Requests.Zip(doubled.Requests.Skip(1)).All(p => p.First.ArrivalSeconds <= p.Second.ArrivalSeconds));
    }
}
