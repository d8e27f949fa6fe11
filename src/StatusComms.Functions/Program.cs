using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using StatusComms.Functions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiGateMiddleware>();
builder.Services.AddStatusComms(builder.Configuration);
builder.Build().Run();
