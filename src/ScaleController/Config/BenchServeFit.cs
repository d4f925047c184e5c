using System.Globalization;
using Autoscale.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// The profile's step costs fitted from <c>vllm bench serve</c> runs at fixed concurrencies (a first seed: the planner
/// corrects it online from the pods' ITL). Decode: at concurrency c the batch runs c sequences (at most
/// <c>--max-num-seqs</c>: the rest wait), so mean ITL ≈
/// base + c × per-sequence (the context's KV reads folded into the per-sequence cost at the benchmark's lengths): a
/// least-squares line through runs at two or more concurrencies gives both. Prefill: alone (concurrency 1) a prompt's
/// TTFT is its chunks' steps plus its compute, TTFT ≈ ⌈P / max-batched-tokens⌉ × ITL + P × per-token, so that run
/// gives the per-token cost. A field the runs cannot give stays unset (an explicit value or the defaults' may fill it).
/// </summary>
internal sealed record BenchServeFit(double? PrefillSecondsPerToken, double? DecodeStepBaseSeconds, double? DecodeStepPerSequenceSeconds)
{
    public static BenchServeFit None { get; } = new(null, null, null);

    /// <param name="maxSequences">vLLM <c>--max-num-seqs</c> of the replica measured; 0 when not known (no cap).</param>
    public static BenchServeFit Fit(IReadOnlyList<(YamlNode Node, string Path)> entries, int maxBatchedTokens, int maxSequences, string path, YamlErrors errors)
    {
        var runs = entries.Select(e => BenchServeRun.Read(e.Node, e.Path, errors)).ToList();
        if (runs.Count == 0 || runs.Any(r => r is null))
        {
            if (runs.Count == 0)
            {
                errors.Add(path, "is empty: give one or more vllm bench serve --save-result documents, or leave it out");
            }

            return None;
        }

        var read = runs.Select(r => r!).ToList();
        double Batch(BenchServeRun run) => maxSequences > 0 ? Math.Min(run.Concurrency, maxSequences) : run.Concurrency;
        double? perSequence = null, stepBase = null;
        if (read.Select(Batch).Distinct().Count() >= 2)
        {
            var meanC = read.Average(Batch);
            var meanItl = read.Average(r => r.ItlSeconds);
            var slope = read.Sum(r => (Batch(r) - meanC) * (r.ItlSeconds - meanItl)) / read.Sum(r => (Batch(r) - meanC) * (Batch(r) - meanC));
            var intercept = meanItl - (slope * meanC);
            if (!(slope >= 0) || !(intercept > 0))
            {
                errors.Add(path, string.Create(CultureInfo.InvariantCulture,
                    $"mean ITL against concurrency gives base {intercept * 1000:0.###} ms and {slope * 1000:0.####} ms per sequence: not a step cost (are these runs of one model on one accelerator?)"));
                return None;
            }

            (stepBase, perSequence) = (intercept, slope);
        }

        double? prefill = null;
        if (read.Where(r => r.Concurrency == 1).ToList() is { Count: > 0 } alone && alone.Average(r => r.MeanPromptTokens) is var prompt and > 0)
        {
            var ttft = alone.Average(r => r.TtftSeconds);
            var steps = Math.Ceiling(prompt / Math.Max(1, maxBatchedTokens)) * alone.Average(r => r.ItlSeconds);
            prefill = Math.Max(0, ttft - steps) / prompt;
        }

        return new BenchServeFit(prefill, stepBase, perSequence);
    }
}
