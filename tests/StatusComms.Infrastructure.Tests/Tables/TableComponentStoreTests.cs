using StatusComms.Common;
using StatusComms.Components;

namespace StatusComms.Infrastructure.Tests.Tables;

public sealed class TableComponentStoreTests : TableStoreFixture
{
    [Fact]
    public async Task A_component_round_trips_with_every_field()
    {
        var component = NewComponent("EU region");
        component.Description = "Workspaces hosted in Frankfurt";
        component.Status = ComponentStatus.PartialOutage;
        component.GroupId = "grp";
        component.Position = 4;
        component.OnlyShowIfDegraded = true;
        component.Showcase = false;
        component.StartDate = new DateOnly(2024, 1, 15);

        await Components.AddAsync(component, CancellationToken.None);
        var stored = await Components.GetAsync(component.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equivalent(component, stored, strict: true);
    }

    [Fact]
    public async Task An_update_from_a_stale_copy_is_refused()
    {
        var component = NewComponent("API");
        await Components.AddAsync(component, CancellationToken.None);
        var first = (await Components.GetAsync(component.Id, CancellationToken.None))!;
        var second = (await Components.GetAsync(component.Id, CancellationToken.None))!;

        first.Status = ComponentStatus.DegradedPerformance;
        await Components.UpdateAsync(first, CancellationToken.None);
        second.Name = "Public API";

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Components.UpdateAsync(second, CancellationToken.None));
        var stored = (await Components.GetAsync(component.Id, CancellationToken.None))!;
        Assert.Equal(ComponentStatus.DegradedPerformance, stored.Status);
        Assert.Equal("API", stored.Name);
    }

    [Fact]
    public async Task Deleting_removes_the_component_and_a_stale_delete_is_refused()
    {
        var component = NewComponent("Legacy");
        await Components.AddAsync(component, CancellationToken.None);
        var stale = (await Components.GetAsync(component.Id, CancellationToken.None))!;
        component.Name = "Legacy v1";
        await Components.UpdateAsync(component, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Components.DeleteAsync(stale, CancellationToken.None));
        await Components.DeleteAsync(component, CancellationToken.None);

        Assert.Null(await Components.GetAsync(component.Id, CancellationToken.None));
        Assert.Empty(await Components.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Each_accepted_change_raises_the_page_version_by_one()
    {
        var component = NewComponent("API");
        await Components.AddAsync(component, CancellationToken.None);
        component.Status = ComponentStatus.MajorOutage;
        await Components.UpdateAsync(component, CancellationToken.None);
        await Components.DeleteAsync(component, CancellationToken.None);

        Assert.Equal(3, await Ledger.GetPageVersionAsync(CancellationToken.None));
    }
}
