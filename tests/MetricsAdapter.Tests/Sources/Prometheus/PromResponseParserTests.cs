using System.Text;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

public sealed class PromResponseParserTests
{
    private static PromResult<PromQueryResult> Parse(string json) => PromResponseParser.ParseQuery(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_vector_keeps_each_sample_timestamp_and_special_values()
    {
        var result = Parse("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"pod":"a"},"value":[1700000000.123,"3.5"]},
              {"metric":{"pod":"b"},"value":[1700000001,"NaN"]},
              {"metric":{"pod":"c"},"value":[1700000002.5,"+Inf"]},
              {"metric":{"pod":"d"},"value":[1700000003,"-Inf"]},
              {"metric":{"pod":"e"},"histogram":[1700000003,{"count":"1","sum":"1"}]}]}}
            """);
        var series = result.Value!.Series;
        Assert.Equal(PromResultType.Vector, result.Value.Type);
        Assert.Equal(4, series.Count);
        Assert.Equal(3.5, series[0].Last.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), series[0].Last.Timestamp);
        Assert.True(double.IsNaN(series[1].Last.Value));
        Assert.Equal(double.PositiveInfinity, series[2].Last.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_002_500), series[2].Last.Timestamp);
        Assert.Equal(double.NegativeInfinity, series[3].Last.Value);
        Assert.Equal("a", series[0].Labels["pod"]);
    }

    [Fact]
    public void An_empty_vector_is_success_without_series()
    {
        var result = Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        Assert.True(result.IsSuccess);
        Assert.Empty(result.Value.Series);
    }

    [Fact]
    public void Scalar_and_matrix()
    {
        var scalar = Parse("""{"status":"success","data":{"resultType":"scalar","result":[1795415402.18,"+Inf"]}}""").Value!;
        Assert.Equal(PromResultType.Scalar, scalar.Type);
        Assert.Equal(double.PositiveInfinity, scalar.Series[0].Last.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_795_415_402_180), scalar.Series[0].Last.Timestamp);

        var matrix = Parse("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[[10.5,"1"],[11.5,"0"]]}]}}""").Value!;
        Assert.Equal(PromResultType.Matrix, matrix.Type);
        Assert.Equal([1.0, 0.0], matrix.Series[0].Points.Select(p => p.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(11_500), matrix.Series[0].Last.Timestamp);
    }

    [Fact]
    public void An_error_response_is_a_query_error_with_its_type()
    {
        var result = Parse("""{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis"}""");
        Assert.False(result.IsSuccess);
        Assert.Equal(PromErrorKind.Query, result.Error.Kind);
        Assert.Equal("bad_data", result.Error.ErrorType);
        Assert.Contains("unclosed left parenthesis", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"wat","result":[]}}""")]
    [InlineData("""{"status":"success"}""")]
    [InlineData("")]
    public void Garbage_is_a_bad_response(string body) =>
        Assert.Equal(PromErrorKind.BadResponse, Parse(body).Error!.Kind);

    [Fact]
    public void Series_are_label_sets()
    {
        var result = PromResponseParser.ParseSeries("""{"status":"success","data":[{"__name__":"up","job":"a"},{"__name__":"up","job":"b"}]}"""u8);
        Assert.Equal(["a", "b"], result.Value!.Select(s => s["job"]));
    }
}
