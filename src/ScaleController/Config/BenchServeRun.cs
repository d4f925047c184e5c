using System.Globalization;
using System.Text.Json;
using Autoscale.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// One <c>vllm bench serve --save-result</c> result, as much of it as a profile fit needs: the concurrency it ran at
/// (<c>max_concurrency</c>, required: without <c>--max-concurrency</c> the batch it measured is unknown), the mean
/// request (<c>total_input_tokens</c>, <c>total_output_tokens</c> over <c>completed</c>), mean TTFT and mean ITL
/// (<c>mean_ttft_ms</c>, <c>mean_itl_ms</c>). The config holds it as the JSON text the benchmark wrote (a YAML block
/// scalar) or as the same keys in YAML; other keys (percentiles, per-request arrays) are ignored.
/// </summary>
internal sealed record BenchServeRun(int Concurrency, double MeanPromptTokens, double MeanOutputTokens, double TtftSeconds, double ItlSeconds)
{
    private static readonly string[] Keys = ["max_concurrency", "completed", "total_input_tokens", "total_output_tokens", "mean_ttft_ms", "mean_itl_ms"];

    public static BenchServeRun? Read(YamlNode node, string path, YamlErrors errors)
    {
        if (Fields(node, path, errors) is not { } fields)
        {
            return null;
        }

        double? Number(string key, double min)
        {
            var text = fields.GetValueOrDefault(key);
            if (text is null)
            {
                errors.Add($"{path}.{key}", key == "max_concurrency"
                    ? "is required: run vllm bench serve with --max-concurrency, so the batch it measured is known"
                    : "is required (not a vllm bench serve --save-result document?)");
                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min)
            {
                errors.Add($"{path}.{key}", string.Create(CultureInfo.InvariantCulture, $"\"{text}\" is not a number ≥ {min}"));
                return null;
            }

            return value;
        }

        var values = Keys.Select(k => Number(k, k is "max_concurrency" or "completed" ? 1 : 0)).ToList();
        if (values.Any(v => v is null))
        {
            return null;
        }

        var (concurrency, completed) = (values[0]!.Value, values[1]!.Value);
        if (concurrency != Math.Floor(concurrency) || concurrency > 100_000)
        {
            errors.Add($"{path}.max_concurrency", string.Create(CultureInfo.InvariantCulture, $"{concurrency} is not a whole number of requests up to 100000"));
            return null;
        }

        return new BenchServeRun((int)concurrency, values[2]!.Value / completed, values[3]!.Value / completed, values[4]!.Value / 1000, values[5]!.Value / 1000);
    }

    // The top-level scalars the fit reads, from JSON text or a YAML mapping; null (with an error) when neither.
    private static Dictionary<string, string?>? Fields(YamlNode node, string path, YamlErrors errors)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new YamlMap(mapping, path, errors);
                foreach (var key in Keys)
                {
                    fields[key] = map.Get(key) is YamlScalarNode scalar ? scalar.Value : null;
                }

                return fields;
            case YamlScalarNode { Value: { Length: > 0 } text }:
                try
                {
                    using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        break;
                    }

                    foreach (var key in Keys)
                    {
                        fields[key] = document.RootElement.TryGetProperty(key, out var value) ? value.ValueKind switch
                        {
                            JsonValueKind.Number => value.GetRawText(),
                            JsonValueKind.String => value.GetString(),
                            JsonValueKind.Null => null,
                            _ => value.GetRawText(),
                        } : null;
                    }

                    return fields;
                }
                catch (JsonException ex)
                {
                    errors.Add(path, $"is not JSON: {ex.Message}");
                    return null;
                }
        }

        errors.Add(path, "expected a vllm bench serve --save-result document: its JSON text (a YAML block scalar) or its keys as a mapping");
        return null;
    }
}
