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

        var refusal = await gate.AdmitAsync(http);
        if (refusal is not null)
        {
            context.GetInvocationResult().Value = refusal;
            return;
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
        }
#pragma warning disable CA1031 // Every failure becomes a problem+json answer; ApiGate logs the unexpected ones.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            context.GetInvocationResult().Value = gate.ToProblem(Unwrap(exception), http);
        }
        finally
        {
            context.InstanceServices = services;
        }
    }

    private static Exception Unwrap(Exception exception)
        => exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
}
