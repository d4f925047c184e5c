using System.Net;
using Autoscale.ScaleController.Decide.WarmPool;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Act;

/// <summary>
/// Placeholders need PriorityClass <see cref="PlaceholderLabels.PriorityClassName"/>. The deploy manifests ship it
/// and RBAC grants only get, so the controller checks (until found) and warns if it is missing: pods would be rejected.
/// </summary>
internal sealed partial class PriorityClassCheck(IKubernetes client, ILogger logger)
{
    private bool? _exists;

    public async Task<bool> EnsureCheckedAsync(CancellationToken cancellationToken)
    {
        if (_exists == true)
        {
            return true;
        }

        try
        {
            var found = await client.SchedulingV1.ReadPriorityClassAsync(PlaceholderLabels.PriorityClassName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (found.Value != PlaceholderLabels.PriorityClassValue)
            {
                LogUnexpectedValue(logger, PlaceholderLabels.PriorityClassName, found.Value, PlaceholderLabels.PriorityClassValue);
            }

            _exists = true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            if (_exists is null)
            {
                LogMissing(logger, PlaceholderLabels.PriorityClassName);
            }

            _exists = false;
        }

        return _exists.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PriorityClass {Name} is missing: placeholder pods will be rejected until it exists (deploy/ ships it)")]
    private static partial void LogMissing(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PriorityClass {Name} has value {Value}, expected {Expected}: placeholders may not be preempted first")]
    private static partial void LogUnexpectedValue(ILogger logger, string name, int? value, int expected);
}
