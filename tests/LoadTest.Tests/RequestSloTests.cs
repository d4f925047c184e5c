using Autoscale.LoadTest.Report;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class RequestSloTests
{
    [Fact]
    public void A_long_prompt_gets_a_ttft_allowance_of_k_times_its_own_isolated_ttft()
    {
        var isolated = new IsolatedLatency(Synthetic.Engines);
        var slo = new RequestSlo(SloOptions.Default, isolated);
        var shortPrompt = new TraceRequest(0, 0, 200, 100);
        var longPrompt = new TraceRequest(1, 0, 14_000, 100);

        Assert.True(isolated.TtftSeconds(14_000) > isolated.TtftSeconds(1_000));
        Assert.Equal(2, slo.TtftLimitSeconds(shortPrompt)); // 5 × its isolated TTFT is below the 2 s floor
        Assert.Equal(5 * isolated.TtftSeconds(14_000), slo.TtftLimitSeconds(longPrompt), 9);
        Assert.True(slo.TtftLimitSeconds(longPrompt) > 2);

        // The same 3 s TTFT is a miss for the short prompt (it queued) and a hit for the long one (its prefill alone takes that).
        Assert.False(slo.MeetsTtft(shortPrompt, 3));
        Assert.True(slo.MeetsTtft(longPrompt, 3));
    }

    [Fact]
    public void The_ttft_floor_and_factor_are_the_flags_values()
    {
        var isolated = new IsolatedLatency(Synthetic.Engines);
        var strict = new RequestSlo(new SloOptions(TtftFloorSeconds: 0.5, TtftFactor: 2), isolated);
        var request = new TraceRequest(0, 0, 14_000, 10);

        Assert.Equal(Math.Max(0.5, 2 * isolated.TtftSeconds(14_000)), strict.TtftLimitSeconds(request), 9);
        Assert.Equal(0.5, strict.TtftLimitSeconds(request with { InputTokens = 10 }));
    }

    [Fact]
    public void The_tpot_limit_is_k_times_the_idle_itl_above_its_floor()
    {
        var isolated = new IsolatedLatency(Synthetic.Engines);
        var byFactor = new RequestSlo(new SloOptions(TpotFloorSeconds: 0.001, TpotFactor: 3), isolated);
        var byFloor = new RequestSlo(new SloOptions(TpotFloorSeconds: 10, TpotFactor: 3), isolated);
        var request = new TraceRequest(0, 0, 100, 11);
        var itl = isolated.IdleItlSeconds;

        Assert.True(itl > 0);
        Assert.Equal(3 * itl, byFactor.TpotLimitSeconds, 12);
        Assert.Equal(10, byFloor.TpotLimitSeconds);
        Assert.True(byFactor.MeetsTpot(request, 10 * 2.9 * itl), "10 tokens after the first at 2.9 × idle ITL");
        Assert.False(byFactor.MeetsTpot(request, 10 * 3.1 * itl), "at 3.1 × idle ITL");
        Assert.True(byFactor.MeetsTpot(request with { OutputTokens = 1 }, 99), "a one-token answer has no TPOT");
    }

    [Fact]
    public void Idle_itl_is_what_a_request_alone_decodes_at()
    {
        var isolated = new IsolatedLatency(Synthetic.Engines);
        var run = Synthetic.Run(
            new Trace("one", [new TraceRequest(0, 5, IsolatedLatency.ItlPromptTokens, IsolatedLatency.ItlOutputTokens)]), "cpu-hpa");

        Assert.True(run.Requests.IsServed(0));
        Assert.Equal(isolated.TtftSeconds(IsolatedLatency.ItlPromptTokens), run.Requests.TtftOf(0), 6);
        Assert.Equal(isolated.IdleItlSeconds, RequestSlo.Tpot(run.Requests.DecodeSecondsOf(0), IsolatedLatency.ItlOutputTokens), 6);
    }

    [Fact]
    public void Requests_longer_than_max_model_len_are_not_servable()
    {
        var isolated = new IsolatedLatency(Synthetic.Engines);
        var max = Synthetic.Profile.MaxModelLen;

        Assert.True(isolated.IsServable(new TraceRequest(0, 0, max - 10, 10)));
        Assert.False(isolated.IsServable(new TraceRequest(0, 0, max - 10, 11)));
        Assert.False(isolated.IsServable(new TraceRequest(0, 0, max + 500, 1)));
    }
}
