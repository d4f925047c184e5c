using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>Each request's own SLO limits (see <see cref="SloOptions"/>), and whether the server can serve it at all.</summary>
internal sealed class RequestSlo(SloOptions options, IsolatedLatency isolated)
{
    public SloOptions Options => options;

    public double IdleItlSeconds => isolated.IdleItlSeconds;

    public double TpotLimitSeconds => Math.Max(options.TpotFloorSeconds, options.TpotFactor * isolated.IdleItlSeconds);

    public bool IsServable(TraceRequest request) => isolated.IsServable(request);

    public double TtftLimitSeconds(TraceRequest request) =>
        Math.Max(options.TtftFloorSeconds, options.TtftFactor * isolated.TtftSeconds(request.InputTokens));

    /// <summary>TPOT = (end-to-end − TTFT) / (output − 1); a one-token answer has no TPOT and meets that part.</summary>
    public static double Tpot(double decodeSeconds, int outputTokens) => outputTokens > 1 ? decodeSeconds / (outputTokens - 1) : 0;

    public bool MeetsTtft(TraceRequest request, double ttft) => ttft <= TtftLimitSeconds(request);

    public bool MeetsTpot(TraceRequest request, double decodeSeconds) => Tpot(decodeSeconds, request.OutputTokens) <= TpotLimitSeconds;
}
