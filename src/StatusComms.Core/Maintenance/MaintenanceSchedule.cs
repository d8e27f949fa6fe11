using Microsoft.Extensions.Logging;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Messages;
using StatusComms.Publishing;

namespace StatusComms.Maintenance;

/// <summary>
/// Moves maintenances by their windows, every minute (<c>AdvanceMaintenances</c>): the reminder before the start, in
/// progress when the window opens, completed when it closes, each posted as an update in the words of its pre-written
/// message (<c>maintenance/reminder</c>, <c>window-opened</c>, <c>completed</c>), so the page shows it and the
/// subscribers of its components are mailed through the outbox like any update. Each move is saved on the version
/// just read: when two instances (or a restart) make the same move, one save wins and the other finds the move made.
/// </summary>
public sealed partial class MaintenanceSchedule(
    IMaintenanceStore maintenances,
    IComponentStore components,
    MessageLibrary messages,
    CandorCheck candor,
    PublishAfterChange publish,
    TimeProvider time,
    ILogger<MaintenanceSchedule> logger)
{
    /// <summary>The moves this run made, as (maintenance id, move).</summary>
    public async Task<IReadOnlyList<(string Id, MaintenanceMove Move)>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = (await maintenances.ListOpenAsync(cancellationToken)).Where(m => m.DueMove(now) != MaintenanceMove.None).ToArray();
        if (due.Length == 0)
        {
            return [];
        }

        var known = (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var made = new List<(string, MaintenanceMove)>();
        foreach (var maintenance in due)
        {
            var move = maintenance.DueMove(now);
            var version = maintenance.Version!;
            var draft = await messages.DraftMaintenanceAsync(maintenance, known, TemplateOf(move), new Dictionary<string, string>(), cancellationToken);
            maintenance.Advance(move, draft.Body, now);
            maintenance.RecordReview(CandorReview.Of(candor, MaintenanceService.CandorDraftOf(maintenance, draft.Body, known, now), null, enforce: false));
            try
            {
                await maintenances.SaveAsync(maintenance, version, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                continue; // Changed meanwhile (another instance made this move, or a person posted): the next minute looks again.
            }

            LogMoved(logger, move, maintenance.Id);
            made.Add((maintenance.Id, move));
        }

        if (made.Count > 0)
        {
            await publish.PublishAsync();
        }

        return made;
    }

    /// <summary>The pre-written message each move is posted with.</summary>
    public static string TemplateOf(MaintenanceMove move) => move switch
    {
        MaintenanceMove.Remind => "maintenance/reminder",
        MaintenanceMove.Start => "maintenance/window-opened",
        MaintenanceMove.Complete => "maintenance/completed",
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, "No message for no move."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance schedule: {Move} posted on maintenance {Id}")]
    private static partial void LogMoved(ILogger logger, MaintenanceMove move, string id);
}
