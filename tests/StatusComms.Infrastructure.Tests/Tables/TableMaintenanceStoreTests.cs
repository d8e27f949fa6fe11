using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Infrastructure.Tables;
using StatusComms.Maintenance;

namespace StatusComms.Infrastructure.Tests.Tables;

public sealed class TableMaintenanceStoreTests : TableStoreFixture
{
    [Fact]
    public async Task A_maintenance_round_trips_and_leaves_the_open_list_when_completed()
    {
        var store = new TableMaintenanceStore(Table);
        var db = NewComponent("Database");
        await Components.AddAsync(db, CancellationToken.None);
        var known = new Dictionary<string, Component> { [db.Id] = db };
        var maintenance = ScheduledMaintenance.Schedule(Ids.NewId(), "Database upgrade", "Read-only for 30 minutes.", Now.AddHours(1), Now.AddHours(2), [db.Id], true, known, "lead", Now);
        await store.AddAsync(maintenance, CancellationToken.None);

        var stored = (await store.GetAsync(maintenance.Id, CancellationToken.None))!;
        Assert.Equal(maintenance.ToSnapshot() with { ComponentIds = [] }, stored.ToSnapshot() with { ComponentIds = [] });
        Assert.Equal([db.Id], stored.ComponentIds);
        Assert.Single(await store.ListOpenAsync(CancellationToken.None));

        stored.PostUpdate(MaintenanceStatus.Completed, "Done; all writes enabled again.", "lead", Now.AddHours(2));
        await store.SaveAsync(stored, stored.Version!, CancellationToken.None);

        Assert.Empty(await store.ListOpenAsync(CancellationToken.None));
        var recent = Assert.Single(await store.ListRecentAsync(10, CancellationToken.None));
        Assert.Equal(2, recent.Updates.Count);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
        {
            maintenance.PostUpdate(MaintenanceStatus.InProgress, "Stale copy.", "lead", Now.AddHours(1));
            return store.SaveAsync(maintenance, maintenance.Version!, CancellationToken.None);
        });
    }
}
