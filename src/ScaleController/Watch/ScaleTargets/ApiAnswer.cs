using System.Text.Json;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>An API server answer: the status code and body; <see cref="Message"/> is the Status message of an error.</summary>
internal sealed record ApiAnswer(int Code, string Body)
{
    public bool Ok => Code is >= 200 and < 300;

    public string Message
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString()!
                    : $"HTTP {Code}";
            }
            catch (JsonException)
            {
                return $"HTTP {Code}";
            }
        }
    }
}
