namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>What <see cref="LabelSectionReader.Next"/> found.</summary>
internal enum LabelStep
{
    Pair,
    End,
    Error,
}
