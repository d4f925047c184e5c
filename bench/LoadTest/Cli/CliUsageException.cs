namespace Autoscale.LoadTest.Cli;

/// <summary>A bad command line: the message says what is wrong; the program prints it and exits with 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
