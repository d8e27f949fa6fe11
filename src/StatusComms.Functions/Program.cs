using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using StatusComms.Functions.Hosting;

if (args is ["--compile-templates", ..])
{
    // Run by `dotnet publish` (StatusComms.Functions.csproj): the package then carries the compiled templates, and
    // an instance starts without loading the compiler.
    var compiled = await StatusComms.Infrastructure.Templates.TemplateEngine.CompileAllAsync(Path.Combine(AppContext.BaseDirectory, "templates"));
    Console.WriteLine($"{compiled} templates compiled into {StatusComms.Infrastructure.Templates.TemplateEngine.CompiledFolderName}/");
    return 0;
}

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiGateMiddleware>();
builder.Services.AddStatusComms(builder.Configuration);
builder.Services.AddStatusCommsTelemetry(builder.Configuration);
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
