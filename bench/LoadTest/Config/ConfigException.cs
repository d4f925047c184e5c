namespace Autoscale.LoadTest.Config;

/// <summary>A configuration file that cannot be used; the message names the setting's path.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
