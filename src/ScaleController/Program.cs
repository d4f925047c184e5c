using Autoscale.ScaleController.Config;

// Composes only. For now: `--config <file>` validates a config file and prints every error naming its field.
// Watch, Act and leader election plug in around Decide later.
var index = Array.IndexOf(args, "--config");
if (index < 0 || index + 1 >= args.Length)
{
    await Console.Error.WriteLineAsync("usage: Autoscale.ScaleController --config <config.yaml>");
    return 2;
}

string yaml;
try
{
    yaml = await File.ReadAllTextAsync(args[index + 1]);
}
catch (IOException ex)
{
    await Console.Error.WriteLineAsync($"error: cannot read {args[index + 1]}: {ex.Message}");
    return 2;
}

var result = ConfigLoader.Load(yaml);
if (!result.IsValid)
{
    foreach (var error in result.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error}");
    }

    return 1;
}

Console.WriteLine($"config ok: {result.Config!.Workloads.Count} workloads, GPU budget {result.Config.Budget.MaxGpus}, dry-run {result.Config.DryRun}");
return 0;
