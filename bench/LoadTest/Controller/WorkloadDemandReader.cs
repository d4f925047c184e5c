using Autoscale.LoadTest.Metrics;
using Autoscale.LoadTest.Policies;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// The controller's Watch reading the workload's demand metrics from the adapter (planner contract §3): rates and
/// gauges summed over the pods that report them, latencies averaged weighted by what they average over (TTFT by
/// completions, ITL by generated tokens), KV usage per pod; stamped with the oldest sample read so staleness is
/// judged on the least fresh input. No pod reporting: no demand (the planner then publishes nothing and says why).
/// </summary>
internal static class WorkloadDemandReader
{
    public static WorkloadDemand? Sum(IReadOnlyList<PodDemand> pods)
    {
        if (pods.Count == 0)
        {
            return null;
        }

        double completed = 0, arrival = 0, prompt = 0, generation = 0, waiting = 0, running = 0, kv = 0, window = 0;
        double? waitingPrompt = null;
        (double Sum, double Weight) ttft = (0, 0), itl = (0, 0), promptMean = (0, 0), outputMean = (0, 0);
        PooledSpread promptSpread = default, outputSpread = default;
        var oldest = double.PositiveInfinity;
        foreach (var pod in pods)
        {
            completed += pod.CompletedRequestsPerSecond;
            arrival += pod.ArrivalRequestsPerSecond;
            prompt += pod.PromptTokensPerSecond;
            generation += pod.GenerationTokensPerSecond;
            waiting += pod.Waiting;
            running += pod.Running;
            kv += pod.KvUsage;
            window = Math.Max(window, pod.WindowSeconds);
            oldest = Math.Min(oldest, pod.At);
            if (pod.WaitingPromptTokens is { } w)
            {
                waitingPrompt = (waitingPrompt ?? 0) + w;
            }

            if (pod.TimeToFirstTokenSeconds is { } t && pod.CompletedRequestsPerSecond > 0)
            {
                ttft = (ttft.Sum + (t * pod.CompletedRequestsPerSecond), ttft.Weight + pod.CompletedRequestsPerSecond);
            }

            if (pod is { MeanPromptTokens: > 0 and var p, MeanOutputTokens: > 0 and var o })
            {
                promptMean = (promptMean.Sum + p, promptMean.Weight + 1);
                outputMean = (outputMean.Sum + o, outputMean.Weight + 1);
                if (pod.StdDevPromptTokens is >= 0 and var ps && pod.StdDevOutputTokens is >= 0 and var os)
                {
                    promptSpread.Add(p, ps);
                    outputSpread.Add(o, os);
                }
            }

            if (pod.InterTokenLatencySeconds is { } i && pod.GenerationTokensPerSecond > 0)
            {
                itl = (itl.Sum + (i * pod.GenerationTokensPerSecond), itl.Weight + pod.GenerationTokensPerSecond);
            }
        }

        return new WorkloadDemand(
            HpaDriver.At(oldest),
            pods.Count,
            Math.Max(0, arrival),
            completed,
            prompt,
            generation,
            waiting,
            running,
            waitingPrompt,
            kv / pods.Count,
            itl.Weight > 0 ? itl.Sum / itl.Weight : null,
            ttft.Weight > 0 ? ttft.Sum / ttft.Weight : null,
            window)
        {
            // Means per pod, averaged over the pods that report them, as the controller's reader does.
            WindowMeanPromptTokens = promptMean.Weight > 0 ? promptMean.Sum / promptMean.Weight : null,
            WindowMeanOutputTokens = outputMean.Weight > 0 ? outputMean.Sum / outputMean.Weight : null,

            // Spreads pooled over the pods that report a mean and a spread, as the controller's reader does.
            WindowPromptTokensStandardDeviation = promptSpread.Value,
            WindowOutputTokensStandardDeviation = outputSpread.Value,
        };
    }

}
