namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>The <c>resultType</c> of an instant query.</summary>
internal enum PromResultType
{
    Vector,
    Scalar,
    Matrix,
    String,
}
