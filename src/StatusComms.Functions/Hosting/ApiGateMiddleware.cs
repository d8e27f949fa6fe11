using Microsoft.Azure.Functions.Worker.Middleware;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// Runs <see cref="ApiGate"/> around every HTTP function in the Functions host. With the ASP.NET Core integration,
/// an IActionResult set as the invocation result is what the caller receives.
/// </summary>
public sealed class ApiGateMiddleware(ApiGate gate) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context);
            return;
        }

        if (await RunAsync(context, http, next) is { } answer)
        {
            context.GetInvocationResult().Value = answer;
        }
    }

    /// <summary>
    /// The gate around one HTTP invocation: who may call the function (by its route template, <see cref="FunctionCatalog"/>),
    /// which page's services run it, and a thrown exception as problem+json.
    /// </summary>
    /// <returns>The answer to give instead of the function's (a refusal, a problem), or null when the function answered.</returns>
    public async Task<IActionResult?> RunAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        // A function missing from the catalog cannot be: it is read from this assembly. Were it so, it is held to the management API's gate.
        var route = FunctionCatalog.Find(context.FunctionDefinition.Name)?.Target ?? Http.Routes.ManagementRoot;
        var refusal = await gate.AdmitAsync(http, route, context.BindingContext.BindingData);
        if (refusal is not null)
        {
            return refusal;
        }

        // A request for a drill's sandbox page runs the function with that page's services (DrillPages).
        using var drill = DrillRouting.ScopeFor(http, context.InstanceServices);
        var services = context.InstanceServices;
        try
        {
            if (drill is not null)
            {
                context.InstanceServices = drill.ServiceProvider;
            }

            await next(context);
            return null;
        }
#pragma warning disable CA1031 // Every failure becomes a problem+json answer; ApiGate logs the unexpected ones.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return gate.ToProblem(exception, http);
        }
        finally
        {
            context.InstanceServices = services;
        }
    }
}
