using System.Globalization;
using Autoscale.VllmEmulator.Exposition;
using Microsoft.AspNetCore.Http;

namespace Autoscale.VllmEmulator.Server;

/// <summary>The HTTP surface of an emulated pod, shaped like vLLM's OpenAI server.</summary>
internal static class PodEndpoints
{
    /// <summary>What a broken exporter might serve: HTML, a truncated sample, a value that is not a number.</summary>
    private const string GarbagePage =
        "<html><body>upstream error</body></html>\n" +
        "vllm:num_requests_waiting{engine=\"0\",model_name=\"x\" 3\n" +
        "vllm:kv_cache_usage_perc{engine=\"0\"} twelve\n";

    public static async Task HandleAsync(EmulatedVllmPod pod, HttpContext context)
    {
        if (pod.Fault == ScrapeFault.Slow)
        {
            await Task.Delay(pod.SlowDelay, pod.Time, context.RequestAborted).ConfigureAwait(false);
        }

        var request = context.Request;
        var response = context.Response;
        switch (request.Path.Value)
        {
            case "/metrics" when HttpMethods.IsGet(request.Method):
                response.ContentType = VllmExposition.ContentType;
                var page = pod.Fault == ScrapeFault.Garbage ? GarbagePage : pod.RenderMetrics();
                await response.WriteAsync(page, context.RequestAborted).ConfigureAwait(false);
                break;
            case "/health" when HttpMethods.IsGet(request.Method):
                // vLLM answers 200 with an empty body while the engine is alive, also when sleeping.
                response.StatusCode = StatusCodes.Status200OK;
                break;
            case "/is_sleeping" when HttpMethods.IsGet(request.Method):
                await WriteJsonAsync(response, $"{{\"is_sleeping\":{(pod.IsSleeping ? "true" : "false")}}}", context).ConfigureAwait(false);
                break;
            case "/sleep" when HttpMethods.IsPost(request.Method):
                pod.Sleep();
                break;
            case "/wake_up" when HttpMethods.IsPost(request.Method):
                pod.WakeUp();
                break;
            case "/v1/models" when HttpMethods.IsGet(request.Method):
                var model = System.Text.Json.JsonEncodedText.Encode(pod.ServedModelName);
                var created = pod.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(
                    response,
                    $"{{\"object\":\"list\",\"data\":[{{\"id\":\"{model}\",\"object\":\"model\",\"created\":{created},\"owned_by\":\"vllm\"}}]}}",
                    context).ConfigureAwait(false);
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static Task WriteJsonAsync(HttpResponse response, string json, HttpContext context)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(json, context.RequestAborted);
    }
}
