namespace Autoscale.VllmEmulator.Exposition;

/// <summary>How a replica's page is labelled and shaped.</summary>
public sealed record ExpositionOptions
{
    /// <summary>The <c>model_name</c> label: vLLM's first <c>--served-model-name</c>.</summary>
    public required string ModelName { get; init; }

    public VllmDialect Dialect { get; init; } = VllmDialect.V1;

    /// <summary>The <c>engine</c> label (V1 only): the engine-core index, "0" without data parallelism.</summary>
    public int Engine { get; init; }

    /// <summary>
    /// Emit prometheus_client's <c>*_created</c> gauges next to counters, as real vLLM pages do; consumers must ignore them.
    /// </summary>
    public bool IncludeCreated { get; init; } = true;

    /// <summary>Unix time written into the <c>*_created</c> gauges.</summary>
    public double CreatedUnixSeconds { get; init; }

    /// <summary>Also emit <c>vllm:engine_sleep_state</c> (recent vLLM with sleep mode).</summary>
    public bool IncludeSleepState { get; init; } = true;
}
