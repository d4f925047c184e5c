namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// A workload's recent requests, in tokens: mean prompt and output lengths (from the prompt- and generation-token
/// rates) and, where the histograms give them, their coefficients of variation (0 = every request alike; about 1 for
/// ShareGPT-like and Azure conversation traffic). The spread matters for KV: a long answer holds its KV longer.
/// </summary>
internal sealed record DemandShape(double MeanPromptTokens, double MeanOutputTokens, double PromptCv = 0, double OutputCv = 0)
{
    /// <summary>
    /// The mean KV a running sequence holds, averaged over time: each request holds its prompt plus half its output
    /// for a time proportional to its output, so E[O·(P + O/2)] / E[O] = P̄ + Ō·(1 + cv²)/2 (lengths independent).
    /// </summary>
    public double MeanContextTokens => MeanPromptTokens + (MeanOutputTokens * (1 + (OutputCv * OutputCv)) / 2);

    /// <summary>The spread of one running sequence's KV: the prompt's, plus the decoded part taken as exponential.</summary>
    public double ContextStandardDeviation
    {
        get
        {
            var decoded = MeanContextTokens - MeanPromptTokens;
            var prompt = PromptCv * MeanPromptTokens;
            return OutputCv == 0 && PromptCv == 0 ? 0 : Math.Sqrt((prompt * prompt) + (decoded * decoded));
        }
    }

    public bool IsValid => MeanPromptTokens >= 1 && MeanOutputTokens >= 1 && PromptCv >= 0 && OutputCv >= 0
        && double.IsFinite(MeanPromptTokens) && double.IsFinite(MeanOutputTokens) && double.IsFinite(PromptCv) && double.IsFinite(OutputCv);
}
