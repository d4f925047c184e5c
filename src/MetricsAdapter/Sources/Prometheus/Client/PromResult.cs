using System.Diagnostics.CodeAnalysis;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>A value or a typed error: failures of Prometheus are expected, so they are results, not exceptions.</summary>
internal readonly struct PromResult<T>
    where T : class
{
    private PromResult(T? value, PromError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public PromError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static PromResult<T> Ok(T value) => new(value, null);

    public static PromResult<T> Fail(PromError error) => new(null, error);

#pragma warning disable CA2225 // Implicit conversions keep call sites short; Ok/Fail are the named alternates.
    public static implicit operator PromResult<T>(PromError error) => Fail(error);
#pragma warning restore CA2225
}
