using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using StatusComms.Functions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiGateMiddleware>();
builder.Services.AddStatusComms(builder.Configuration);
try
{
    builder.Build().Run();
    return 0;
}
catch (Exception exception) when (StartupFailure.Describe(exception) is not null)
{
    // A setting is missing or wrong: one line each, naming it, rather than a stack trace.
    return StartupFailure.Report(exception, Console.Error)!.Value;
}
