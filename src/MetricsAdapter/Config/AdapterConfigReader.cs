using System.Diagnostics.CodeAnalysis;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// The one way a config text becomes an <see cref="AdapterConfig"/>, used at start-up, on every reload and by
/// <c>--check</c>, so the three can never disagree. Never throws: a reload that let an exception escape would stop the
/// host, and the promise is "refused, the last good config keeps serving".
/// </summary>
internal static class AdapterConfigReader
{
    /// <param name="errors">Every problem, each <c>field: message</c>; empty when the text is valid.</param>
    public static bool TryRead(string text, [NotNullWhen(true)] out AdapterConfig? config, out IReadOnlyList<string> errors)
    {
        try
        {
            config = AdapterConfigParser.Parse(text);
            errors = [];
            return true;
        }
        catch (ConfigException e)
        {
            errors = e.Errors;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A reader bug, not the operator's: still a refusal, with what is known.
            errors = [$"(root): the file could not be read ({e.GetType().Name}: {e.Message})"];
        }

        config = null;
        return false;
    }
}
