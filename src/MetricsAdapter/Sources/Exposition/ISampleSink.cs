namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// Receives each kept sample. Implement it on a struct (or ref struct) and pass it by ref to
/// <see cref="ExpositionParser.Parse{TSink}"/> so the call is devirtualised and nothing is boxed.
/// The sample's spans point into the page and are valid only during the call: copy what you keep.
/// </summary>
internal interface ISampleSink
{
    void OnSample(in ExpositionSample sample);
}
