using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using StatusComms.Functions.Hosting;
using StatusComms.Functions.Http;

namespace StatusComms.LocalRunner;

/// <summary>
/// Calls a function method the way the Functions host does: a new instance of its class from DI per invocation,
/// parameters bound by type (the request, a CancellationToken, TimerInfo) and by name (route values), and the
/// same <see cref="ApiGate"/> the Functions middleware applies.
/// </summary>
public sealed class FunctionInvoker(ApiGate gate)
{
    public async Task InvokeHttpAsync(FunctionEntry entry, HttpContext context)
    {
        var result = await gate.AdmitAsync(context, entry.Target, context.Request.RouteValues);
        if (result is null)
        {
            // A request for a drill's sandbox page runs the function with that page's services, as the Functions middleware does.
            using var drill = DrillRouting.ScopeFor(context, context.RequestServices);
            try
            {
                result = await entry.InvokeHttpAsync(drill?.ServiceProvider ?? context.RequestServices, context.Request);
            }
#pragma warning disable CA1031 // As in the Functions middleware: every failure becomes a problem+json answer.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                result = gate.ToProblem(exception, context);
            }
        }

        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>Runs a timer-triggered function once, as its schedule or an admin request asks.</summary>
    public static async Task InvokeTimerAsync(FunctionEntry entry, IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = DateTime.UtcNow } };
        var returned = Call(entry, scope.ServiceProvider, p => p.ParameterType == typeof(TimerInfo) ? timer : null, cancellationToken);
        if (returned is Task task)
        {
            await task;
        }
    }

    /// <summary>Runs a queue-triggered function for one message: the message text and its dequeue count are bound.</summary>
    public static async Task InvokeQueueAsync(FunctionEntry entry, IServiceProvider services, string message, long dequeueCount, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var returned = Call(entry, scope.ServiceProvider, p => p.Name == "dequeueCount" ? Convert.ChangeType(dequeueCount, p.ParameterType, System.Globalization.CultureInfo.InvariantCulture) : p.ParameterType == typeof(string) ? message : null, cancellationToken);
        if (returned is Task task)
        {
            await task;
        }
    }

    private static object? Call(FunctionEntry entry, IServiceProvider services, Func<ParameterInfo, object?> bind, CancellationToken cancellationToken)
    {
        var instance = ActivatorUtilities.CreateInstance(services, entry.Method.DeclaringType!);
        var arguments = entry.Method.GetParameters()
            .Select(p => p.ParameterType == typeof(CancellationToken) ? cancellationToken : bind(p))
            .ToArray();
        return entry.Method.Invoke(instance, arguments);
    }
}
