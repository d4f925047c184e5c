namespace Autoscale.VllmEmulator.Exposition;

/// <summary>The label sets of one page, rendered once, in vLLM's alphabetical label order.</summary>
internal sealed class Labels
{
    private readonly string _engine;
    private readonly string _model;

    public Labels(ExpositionOptions options)
    {
        _engine = options.Dialect == VllmDialect.V1 ? $"engine=\"{options.Engine}\"," : string.Empty;
        _model = $"model_name=\"{Escape(options.ModelName)}\"";
        Plain = "{" + _engine + _model + "}";
    }

    public string Plain { get; }

    public string WithFinishedReason(string reason) => "{" + _engine + $"finished_reason=\"{reason}\"," + _model + "}";

    public string WithLe(string le) => "{" + _engine + $"le=\"{le}\"," + _model + "}";

    public string WithSleepState(string state) => "{" + _engine + _model + $",sleep_state=\"{state}\"" + "}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
