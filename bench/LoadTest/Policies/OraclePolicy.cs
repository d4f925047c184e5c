using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// REFERENCE ONLY, NOT IMPLEMENTABLE: it reads the trace's future. Every <see cref="DecideEverySeconds"/> it asks
/// for the most replicas any bin in [now, now + lead] needs, so a replica whose cold start takes up to the lead is
/// ready before the demand it serves arrives, and it lets go of one as soon as no bin in that window needs it. It
/// shows what these cold starts cost a policy that makes no forecasting error; it uses no metrics.
/// </summary>
internal sealed class OraclePolicy(OracleOptions options, OracleDemand demand, double leadSeconds) : IScalingPolicy
{
    public string Name => "oracle";

    public MetricPipelineOptions Pipeline { get; } = new(15);

    public double DecideEverySeconds => options.DecideEverySeconds;

    public int MinReplicas => 1;

    public double LeadSeconds => leadSeconds;

    public IReadOnlyDictionary<string, string> Describe() =>
        PolicyDescription.Of(this, null, ("oracle", PolicyDescription.Fields(options)), ("leadSeconds", PolicyDescription.Fields(Math.Round(leadSeconds))));

    public ScaleDecision Decide(PolicyInput input) => new(Desired(input.Now));

    public int Desired(double now)
    {
        var from = (int)(now / demand.BinSeconds);
        var to = (int)((now + leadSeconds) / demand.BinSeconds);
        var desired = 1;
        for (var bin = from; bin <= to; bin++)
        {
            desired = Math.Max(desired, (int)Math.Ceiling((demand.Need(bin, options.Sizing) / options.Utilization) - 1e-9));
        }

        return desired;
    }
}
