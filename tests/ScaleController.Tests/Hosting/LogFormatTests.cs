using Autoscale.Hosting;
using Autoscale.ScaleController.Hosting;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Tests.Hosting;

/// <summary>
/// Issue #13 item 5: <c>--log-format=text|json</c> and <c>--log-level</c> of the controller program: flag parsing only.
/// The formatter and console set-up are the shared src/Autoscale.Hosting ones, whose output the adapter's LogFormatTests
/// check from the real binary; the same check of the controller binary is not written yet.
/// </summary>
public sealed class LogFormatTests
{
    [Theory]
    [InlineData("--log-level=warning", LogLevel.Warning)]
    [InlineData("--v=4", LogLevel.Debug)]
    [InlineData("--v=5", LogLevel.Trace)]
    public void Levels_come_from_log_level_or_klog_verbosity(string flag, LogLevel level) =>
        Assert.Equal(level, CommandLine.Parse([flag]).Log.Level);

    [Fact]
    public void A_bad_format_names_the_flag()
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--log-format=xml"]));

        Assert.Equal("flag --log-format: \"xml\" is not one of text, json", ex.Message);
    }
}
