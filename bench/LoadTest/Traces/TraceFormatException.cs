namespace Autoscale.LoadTest.Traces;

/// <summary>A trace file that cannot be read; the message names the file and the 1-based line.</summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException()
    {
    }

    public TraceFormatException(string message)
        : base(message)
    {
    }

    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TraceFormatException(string source, int line, string problem)
        : base($"{source}:{line}: {problem}")
    {
        Line = line;
    }

    public int Line { get; }
}
