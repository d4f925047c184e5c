namespace Autoscale.Hpa.Tests.Calculator;

internal sealed record ResourceCase(
    CalcScenario Fixture,
    int TargetUtilization,
    int ExpectedReplicas,
    int ExpectedUtilization,
    long ExpectedRawValue,
    string Container = "",
    string? ExpectedError = null,
    Hpa.Calculator.Tolerances? Tolerances = null);
