namespace Autoscale.LoadTest.Profiles;

/// <summary>
/// The request sizes of a benchmark run. A ShareGPT-like shape draws seeded sizes with the given means (see
/// <see cref="ShareGptLikeSizes"/>); a fixed shape sends every request with exactly these sizes, like
/// <c>vllm bench serve --dataset-name random --random-range-ratio 0</c>.
/// </summary>
internal sealed record RequestShape(string Name, double MeanInputTokens, double MeanOutputTokens, bool ShareGptLike)
{
    public IReadOnlyList<(int Input, int Output)> Sizes(int count, int seed) =>
        ShareGptLike
            ? ShareGptLikeSizes.Draw(count, MeanInputTokens, MeanOutputTokens, seed)
            : [.. Enumerable.Repeat(((int)MeanInputTokens, (int)MeanOutputTokens), count)];
}
