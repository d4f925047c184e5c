namespace Autoscale.Hosting.Flags;

/// <summary>A command line that cannot be used: the message names the flag; programs exit with code 2.</summary>
public sealed class FlagException : ArgumentException
{
    public FlagException()
    {
    }

    public FlagException(string message)
        : base(message)
    {
    }

    public FlagException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
