namespace Autoscale.LoadTest.Report;

/// <summary>A one-line progress bar on stderr, redrawn only when the whole percent changes.</summary>
internal sealed class ProgressBar(TextWriter output, string label)
{
    private int _last = -1;

    public void Report(double fraction)
    {
        var percent = (int)(Math.Clamp(fraction, 0, 1) * 100);
        if (percent == _last)
        {
            return;
        }

        _last = percent;
        var filled = percent / 4;
        output.Write($"\r{label,-14} [{new string('#', filled)}{new string('.', 25 - filled)}] {percent,3}%");
        if (percent == 100)
        {
            output.WriteLine();
        }
    }

    public void Done()
    {
        if (_last < 100)
        {
            Report(1);
        }
    }
}
