namespace Autoscale.LoadTest.Profiles;

/// <summary>
/// Seeded request sizes that resemble the ShareGPT set as <c>vllm bench serve</c> samples it, without shipping the
/// data set: prompt and output lengths are independent log-normals (ShareGPT's lengths are right-skewed, a few long
/// conversations and many short turns; σ 1.1 for prompts and 0.8 for outputs give medians of about half and
/// three quarters of the mean), and pairs are dropped by the benchmark's own filter (vllm
/// <c>benchmarks/datasets.py</c> <c>is_valid_sequence</c>: prompt and output ≥ 4 tokens, prompt ≤ 1,024,
/// prompt + output ≤ 2,048). The log-normals' locations are fitted so that the kept pairs have the requested means.
/// </summary>
internal static class ShareGptLikeSizes
{
    private const double PromptSigma = 1.1;
    private const double OutputSigma = 0.8;
    private const int MinTokens = 4;
    private const int MaxPrompt = 1024;
    private const int MaxTotal = 2048;

    public static IReadOnlyList<(int Input, int Output)> Draw(int count, double meanInput, double meanOutput, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var muIn = Math.Log(meanInput) - (PromptSigma * PromptSigma / 2);
        var muOut = Math.Log(meanOutput) - (OutputSigma * OutputSigma / 2);
        var sizes = Sample(count, muIn, muOut, seed);
        // The filter trims the tails, so the kept means fall short; move the locations until they match (same seed,
        // so the result is a fixed function of the arguments).
        for (var i = 0; i < 12; i++)
        {
            muIn += Math.Log(meanInput / sizes.Average(s => s.Input));
            muOut += Math.Log(meanOutput / sizes.Average(s => s.Output));
            sizes = Sample(count, muIn, muOut, seed);
        }

        return sizes;
    }

    private static List<(int Input, int Output)> Sample(int count, double muIn, double muOut, int seed)
    {
        var random = new Random(seed);
        var sizes = new List<(int, int)>(count);
        while (sizes.Count < count)
        {
            var input = (int)Math.Round(Math.Exp(muIn + (PromptSigma * Normal(random))));
            var output = (int)Math.Round(Math.Exp(muOut + (OutputSigma * Normal(random))));
            if (input >= MinTokens && output >= MinTokens && input <= MaxPrompt && input + output <= MaxTotal)
            {
                sizes.Add((input, output));
            }
        }

        return sizes;
    }

    private static double Normal(Random random)
    {
        // Box-Muller; 1 − U keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
