namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>The mean request of a workload's recent traffic, in tokens (from the prompt- and generation-token rates).</summary>
internal sealed record DemandShape(double MeanPromptTokens, double MeanOutputTokens)
{
    /// <summary>The mean KV a running sequence holds: its prompt and, on average, half its output.</summary>
    public double MeanContextTokens => MeanPromptTokens + (MeanOutputTokens / 2);

    public bool IsValid => MeanPromptTokens >= 1 && MeanOutputTokens >= 1
        && double.IsFinite(MeanPromptTokens) && double.IsFinite(MeanOutputTokens);
}
