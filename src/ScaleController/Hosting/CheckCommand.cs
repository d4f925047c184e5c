using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Hosting;

/// <summary><c>--check --config=FILE</c>: validate and print every error naming its field (exit 1), or a summary (exit 0).</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(string path)
    {
        string yaml;
        try
        {
            yaml = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"error: cannot read {path}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var result = ConfigLoader.Load(yaml);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            }

            return 1;
        }

        Console.WriteLine($"config ok: {result.Config!.Workloads.Count} workloads, GPU budget {result.Config.Budget.MaxGpus}, dry-run {result.Config.DryRun}");
        return 0;
    }
}
