using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Profiles;

/// <summary>
/// <c>vllm bench serve --request-rate inf</c> against one model replica: every request queued at t = 0, run to
/// completion, and measured as that tool measures: duration to the last completion, request and output-token
/// throughput over it, and the mean inter-token latency over every gap of every request (the tool's mean ITL is
/// the mean of all gaps, so long outputs weigh more: Σ (finish − first token) ÷ Σ (output − 1)); mean TPOT is the
/// mean over requests of each one's mean gap.
/// </summary>
internal static class SaturationBenchmark
{
    public const int DefaultRequests = 1_000;

    public static SaturationResult Run(ReplicaProfile profile, RequestShape shape, int requests = DefaultRequests, int seed = 1)
    {
        var outcomes = new List<RequestOutcome>(requests);
        var model = new ReplicaModel(profile, outcomes.Add);
        var sizes = shape.Sizes(requests, seed);
        for (var i = 0; i < sizes.Count; i++)
        {
            if (!model.Submit(new RequestArrival(i, 0, sizes[i].Input, sizes[i].Output)))
            {
                throw new ArgumentException($"{shape.Name} has a request longer than {profile.Name}'s max_model_len.", nameof(shape));
            }
        }

        // Runs until every request has finished; the model idles straight to the target once the queue is empty.
        model.AdvanceTo(double.MaxValue / 4);
        var duration = outcomes.Max(o => o.FinishedSeconds);
        var gaps = outcomes.Sum(o => (double)(o.OutputTokens - 1));
        var decodeTime = outcomes.Sum(o => o.FinishedSeconds - o.FirstTokenSeconds);
        return new SaturationResult(
            outcomes.Count,
            duration,
            outcomes.Count / duration,
            outcomes.Sum(o => (double)o.OutputTokens) / duration,
            gaps > 0 ? decodeTime / gaps : double.NaN,
            outcomes.Where(o => o.OutputTokens > 1).Select(o => (o.FinishedSeconds - o.FirstTokenSeconds) / (o.OutputTokens - 1)).DefaultIfEmpty(double.NaN).Average(),
            outcomes.Average(o => o.TimeToFirstTokenSeconds));
    }
}
