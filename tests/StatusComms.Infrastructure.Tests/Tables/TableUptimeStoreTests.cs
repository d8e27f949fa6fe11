using StatusComms.Components;
using StatusComms.Infrastructure.Tables;
using StatusComms.Uptime;

namespace StatusComms.Infrastructure.Tests.Tables;

public sealed class TableUptimeStoreTests : TableStoreFixture
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public async Task Two_publishers_accounting_the_same_interval_credit_it_once()
    {
        var store = new TableUptimeStore(Table);
        var statuses = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.PartialOutage };
        await new UptimeRecorder(store).RecordAsync(statuses, [], Now, CancellationToken.None);

        // Both read the same state, then both try to credit the next ten minutes.
        var snapshot = await store.ReadAsync(Today.AddDays(-89), CancellationToken.None);
        var (state, days) = UptimeAccounting.Advance(snapshot.State, snapshot.Days, statuses, [], Now.AddMinutes(10));
        var results = await Task.WhenAll(
            store.TrySaveAsync(state, snapshot.Version, days, CancellationToken.None),
            store.TrySaveAsync(state, snapshot.Version, days, CancellationToken.None));

        Assert.Single(results, saved => saved is not null);
        var stored = await store.ReadAsync(Today.AddDays(-89), CancellationToken.None);
        Assert.Equal(600, stored.Days[Today].Components["api"][ComponentStatus.PartialOutage]);
        Assert.Equal(Now.AddMinutes(10), stored.State!.AccountedUntil);
    }

    [Fact]
    public async Task The_recorder_rolls_status_into_days_across_midnight_and_reads_only_the_last_90()
    {
        var store = new TableUptimeStore(Table);
        var recorder = new UptimeRecorder(store);
        var statuses = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.MajorOutage };
        var midnight = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await recorder.RecordAsync(statuses, [new DayIncident("inc1", "API down", ["api"])], midnight.AddMinutes(-15), CancellationToken.None);

        var days = await recorder.RecordAsync(new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.Operational }, [], midnight.AddMinutes(5), CancellationToken.None);

        Assert.Equal(900, days[Today.AddDays(-1)].Components["api"][ComponentStatus.MajorOutage]);
        Assert.Equal(300, days[Today].Components["api"][ComponentStatus.MajorOutage]);
        Assert.Equal("API down", Assert.Single(days[Today].Incidents).Name);

        var later = await recorder.RecordAsync(statuses, [], midnight.AddDays(100), CancellationToken.None);
        Assert.All(later.Keys, date => Assert.True(date > Today.AddDays(100 - 90)));
    }

    [Fact]
    public async Task Two_recorders_on_one_store_each_save_on_top_of_what_the_other_accounted()
    {
        // Each remembers what it saved and saves on top of it without reading; the other's save in between fails
        // that, and the roll-up is read again: no minute is counted twice or lost.
        var store = new TableUptimeStore(Table);
        var (first, second) = (new UptimeRecorder(store), new UptimeRecorder(store));
        var down = new Dictionary<string, ComponentStatus> { ["mail"] = ComponentStatus.MajorOutage };
        await first.RecordAsync(down, [], Now, CancellationToken.None);
        await first.RecordAsync(down, [], Now.AddMinutes(10), CancellationToken.None);
        await second.RecordAsync(down, [], Now.AddMinutes(20), CancellationToken.None);

        var days = await first.RecordAsync(down, [], Now.AddMinutes(30), CancellationToken.None);

        Assert.Equal(1800, days[Today].Components["mail"][ComponentStatus.MajorOutage]);
        Assert.Equal(Now.AddMinutes(30), (await store.ReadAsync(Today.AddDays(-89), CancellationToken.None)).State!.AccountedUntil);
    }

    [Fact]
    public async Task Saving_more_than_the_view_holds_still_fits_one_transaction()
    {
        var store = new TableUptimeStore(Table);
        var state = new UptimeState(Now, new Dictionary<string, ComponentStatus>(), []);
        var days = Enumerable.Range(0, 120).Select(i => UptimeDay.Empty(Today.AddDays(-i))).OrderBy(d => d.Date).ToArray();

        Assert.NotNull(await store.TrySaveAsync(state, null, days, CancellationToken.None));
        var stored = await store.ReadAsync(Today.AddDays(-200), CancellationToken.None);
        Assert.Equal(UptimeAccounting.Days, stored.Days.Count);
    }
}
