using Autoscale.ScaleController.Decide.Planner;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

public sealed class PlannerStateCodecTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly ForecastOptions Options = ForecastOptions.Default;

    private static PlannerState ADay()
    {
        var forecast = DemandForecast.Empty;
        for (var t = 0; t < 86_400 + 3_600; t += 30)
        {
            forecast = DemandForecaster.Observe(forecast, Monday.AddSeconds(t), 20 + (10 * Math.Sin(t * Math.PI / 43_200)), 30, Options);
        }

        return new PlannerState(forecast, new CapacityCorrection(1.1834567, 42), Monday.AddHours(25), 231.5, 198.25, 12, Monday.AddHours(25).AddSeconds(3), 41.7, ShapeRequests: 120, ShapeFromWindow: true, PromptSecondMoment: 98_765.4, OutputSecondMoment: 71_234.5, PrefillCorrection: new CapacityCorrection(1.2345678, 9));
    }

    [Fact]
    public void A_state_round_trips_to_six_significant_digits()
    {
        var state = ADay();

        var decoded = PlannerStateCodec.Decode(PlannerStateCodec.Encode(state, Options), Options);

        Assert.True(decoded.Forecast.Seasonal);
        Assert.Equal(state.Forecast.OpenBucket, decoded.Forecast.OpenBucket);
        Assert.Equal(state.Forecast.Level, decoded.Forecast.Level, 3);
        Assert.Equal(state.Forecast.Season.Length, decoded.Forecast.Season.Length);
        Assert.Equal(1.18346, decoded.Correction.Factor);
        Assert.Equal(42, decoded.Correction.Observations);
        Assert.Equal((state.LastObservedAt, state.MeanPromptTokens, state.MeanOutputTokens), (decoded.LastObservedAt, decoded.MeanPromptTokens, decoded.MeanOutputTokens));
        Assert.Equal((12, state.LastAt, 41.7), (decoded.LastReplicas, decoded.LastAt, decoded.LastSizedFor));
        Assert.Equal(state.Last!.Replicas, decoded.Last!.Replicas);
        Assert.Equal((120.0, true), (decoded.ShapeRequests, decoded.ShapeFromWindow));
        Assert.Equal((98_765.4, 71_234.5), (decoded.PromptSecondMoment, decoded.OutputSecondMoment));
        Assert.Equal((1.23457, 9), (decoded.Prefill.Factor, decoded.Prefill.Observations));
        Assert.Equal(PlannerStateCodec.Encode(state, Options), PlannerStateCodec.Encode(decoded, Options));
    }

    [Fact]
    public void A_state_written_before_the_shape_count_keeps_its_shape_trusted()
    {
        // An annotation of the previous release: no "sn"/"sw". Its shape sized replicas then; it still does.
        var encoded = PlannerStateCodec.Encode(ADay(), Options).Replace(",\"sn\":120,\"sw\":true", "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"sn\"", encoded, StringComparison.Ordinal);

        var decoded = PlannerStateCodec.Decode(encoded, Options);

        Assert.Equal((PlannerStep.ShapeSmoothingRequests, false), (decoded.ShapeRequests, decoded.ShapeFromWindow));
        Assert.Equal(231.5, decoded.MeanPromptTokens);
    }

    [Fact]
    public void A_state_written_before_the_learnt_spreads_sizes_with_the_configured_ones()
    {
        var encoded = PlannerStateCodec.Encode(ADay(), Options).Replace(",\"p2\":98765.4,\"g2\":71234.5", "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"p2\"", encoded, StringComparison.Ordinal);

        var decoded = PlannerStateCodec.Decode(encoded, Options);

        Assert.Equal((null, null), (decoded.PromptSecondMoment, decoded.OutputSecondMoment));
        Assert.Equal((120.0, 231.5), (decoded.ShapeRequests, decoded.MeanPromptTokens));
    }

    [Fact]
    public void A_state_written_before_the_prefill_correction_starts_it_at_one()
    {
        var encoded = PlannerStateCodec.Encode(ADay(), Options).Replace(",\"k\":1.23457,\"kn\":9", "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"k\"", encoded, StringComparison.Ordinal);

        var decoded = PlannerStateCodec.Decode(encoded, Options);

        Assert.Equal(CapacityCorrection.None, decoded.Prefill);
        Assert.Equal(1.18346, decoded.Correction.Factor);
    }

    [Theory]
    [InlineData("9.5")] // beyond the correction's bounds
    [InlineData("0.1")]
    public void A_prefill_correction_out_of_bounds_decodes_as_none(string factor)
    {
        var encoded = PlannerStateCodec.Encode(ADay(), Options).Replace("\"k\":1.23457", "\"k\":" + factor, StringComparison.Ordinal);

        Assert.Equal(CapacityCorrection.None, PlannerStateCodec.Decode(encoded, Options).Prefill);
    }

    [Fact]
    public void A_day_of_history_stays_small()
    {
        var encoded = PlannerStateCodec.Encode(ADay(), Options);

        Assert.InRange(encoded.Length, 1_000, 8_000);
    }

    [Fact]
    public void The_empty_state_round_trips()
    {
        var decoded = PlannerStateCodec.Decode(PlannerStateCodec.Encode(PlannerState.Empty, Options), Options);

        Assert.Equal(PlannerStateCodec.Encode(PlannerState.Empty, Options), PlannerStateCodec.Encode(decoded, Options));
        Assert.Null(decoded.Last);
        Assert.Equal(CapacityCorrection.None, decoded.Correction);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"v\":2}")]
    [InlineData("{\"v\":1}")]
    [InlineData("{\"v\":1,\"o\":\"yesterday\",\"p\":null,\"g\":null,\"c\":1,\"cn\":0,\"r\":null,\"ra\":null,\"rs\":null,\"f\":{}}")]
    public void Unreadable_values_decode_as_empty(string value)
    {
        var decoded = PlannerStateCodec.Decode(value, Options);

        Assert.Same(PlannerState.Empty, decoded);
    }

    [Fact]
    public void An_oversized_value_is_not_parsed()
    {
        var valid = PlannerStateCodec.Encode(ADay(), Options);
        var padded = valid[..^1] + ",\"x\":\"" + new string('a', PlannerStateCodec.MaxLength) + "\"}";

        Assert.NotSame(PlannerState.Empty, PlannerStateCodec.Decode(valid, Options));
        Assert.Same(PlannerState.Empty, PlannerStateCodec.Decode(padded, Options));
    }

    [Fact]
    public void A_correction_outside_its_bounds_is_not_trusted()
    {
        var state = PlannerState.Empty with { Correction = new CapacityCorrection(7, 3) };

        Assert.Equal(CapacityCorrection.None, PlannerStateCodec.Decode(PlannerStateCodec.Encode(state, Options), Options).Correction);
    }
}
