using StatusComms.Functions.Hosting;
using StatusComms.LocalRunner;

try
{
    return await LocalRunnerHost.RunAsync(args);
}
catch (Exception exception) when (StartupFailure.Describe(exception) is not null)
{
    // A setting is missing or wrong: one line each, naming it, rather than a stack trace.
    return StartupFailure.Report(exception, Console.Error)!.Value;
}
