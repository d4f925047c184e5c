namespace Autoscale.LoadTest.Profiles;

/// <summary>One profile on one shape, as <c>profile-report --json</c> writes it.</summary>
internal sealed record ProfileReportRow(
    string Profile,
    string Shape,
    double SaturatedRequestsPerSecond,
    double SaturatedOutputTokensPerSecond,
    double MeanItlSeconds,
    IdleTtftSeconds IdleTtftSeconds,
    double? IdleItlSeconds);
