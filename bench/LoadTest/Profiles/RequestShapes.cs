using System.Diagnostics.CodeAnalysis;

namespace Autoscale.LoadTest.Profiles;

/// <summary>
/// The shapes of the published runs in <c>reference-points.csv</c> and of the profile report. Means are the
/// published totals ÷ 1,000 requests, so each run is compared on the sizes it really had.
/// </summary>
internal static class RequestShapes
{
    /// <summary>vllm PR #18566: ShareGPT_Vicuna_unfiltered, chat endpoint, 229,711 in and 203,068 out over 1,000 requests.</summary>
    public static RequestShape ShareGpt { get; } = new("sharegpt", 229.7, 203.1, ShareGptLike: true);

    /// <summary>A long-prompt chat turn: 1,000 in, 250 out, every request the same.</summary>
    public static RequestShape OneK250 { get; } = new("1k-250", 1000, 250, ShareGptLike: false);

    /// <summary>vllm#7567: ShareGPT V3 via benchmark_serving.py (Llama-3 tokenizer), 215,196 in, 178,793 out.</summary>
    public static RequestShape ShareGpt215x179 { get; } = new("sharegpt-215-179", 215.2, 178.8, ShareGptLike: true);

    /// <summary>arc53/llm-price-compass#6: the same ShareGPT prompts, 215,196 in, but only 43,140 out (a fine-tuned base model stopping early).</summary>
    public static RequestShape ShareGpt215x43 { get; } = new("sharegpt-215-43", 215.2, 43.1, ShareGptLike: true);

    /// <summary>The two shapes of <c>profile-report</c>.</summary>
    public static IReadOnlyList<RequestShape> Report { get; } = [ShareGpt, OneK250];

    public static IReadOnlyList<RequestShape> All { get; } = [ShareGpt, OneK250, ShareGpt215x179, ShareGpt215x43];

    public static bool TryGet(string name, [NotNullWhen(true)] out RequestShape? shape)
    {
        shape = All.FirstOrDefault(s => s.Name == name);
        return shape is not null;
    }
}
