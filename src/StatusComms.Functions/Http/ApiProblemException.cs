namespace StatusComms.Functions.Http;

/// <summary>A request the API refuses before any rule of the domain is asked: malformed, too large, unknown page.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(int status, string title, string detail)
        : base(detail)
    {
        Status = status;
        Title = title;
    }

    public ApiProblemException()
    {
        Title = string.Empty;
    }

    public ApiProblemException(string message)
        : base(message)
    {
        Title = string.Empty;
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Title = string.Empty;
    }

    public int Status { get; } = 400;
    public string Title { get; }
}
