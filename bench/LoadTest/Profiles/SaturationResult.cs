namespace Autoscale.LoadTest.Profiles;

/// <summary>What <c>vllm bench serve --request-rate inf</c> reports, from a model run.</summary>
internal sealed record SaturationResult(
    int Requests,
    double DurationSeconds,
    double RequestsPerSecond,
    double OutputTokensPerSecond,
    double MeanItlSeconds,
    double MeanTpotSeconds,
    double MeanTtftSeconds);
