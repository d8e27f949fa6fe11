using StatusComms.Common;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.Publishing;
using StatusComms.StatusPage;

namespace StatusComms.Components;

/// <summary>Adds, changes and removes components; every accepted change is published.</summary>
public sealed class ComponentService(
    IComponentStore store,
    IIncidentStore incidents,
    IMaintenanceStore maintenances,
    PublishAfterChange publish,
    TimeProvider time)
{
    /// <summary>All components, with the status each shows now (raised by open incidents and active maintenance).</summary>
    public async Task<ComponentListing> ListAsync(CancellationToken cancellationToken)
    {
        var componentsTask = store.ListAsync(cancellationToken);
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var maintenancesTask = maintenances.ListOpenAsync(cancellationToken);
        await Task.WhenAll(componentsTask, openTask, maintenancesTask);
        var all = componentsTask.Result.OrderBy(c => c.Position).ToArray();
        return new ComponentListing(all, StatusRollup.Compute(all, openTask.Result, maintenancesTask.Result, time.GetUtcNow()));
    }

    public async Task<Component> CreateAsync(NewComponent draft, CancellationToken cancellationToken)
    {
        Component.ValidateName(draft.Name);
        Component.ValidateDescription(draft.Description);
        var existing = await store.ListAsync(cancellationToken);
        var groupId = RequireGroup(existing, draft.GroupId);
        var now = time.GetUtcNow();
        var component = new Component
        {
            Id = Ids.NewId(),
            Name = draft.Name.Trim(),
            Description = draft.Description,
            Status = draft.Status ?? ComponentStatus.Operational,
            GroupId = groupId,
            Position = NextPosition(existing),
            Showcase = draft.Showcase ?? true,
            OnlyShowIfDegraded = draft.OnlyShowIfDegraded ?? false,
            StartDate = draft.StartDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AddAsync(component, cancellationToken);
        await publish.PublishAsync();
        return component;
    }

    /// <returns>The group and the components now in it.</returns>
    public async Task<(Component Group, IReadOnlyList<Component> Members)> CreateGroupAsync(NewComponentGroup draft, CancellationToken cancellationToken)
    {
        Component.ValidateName(draft.Name);
        Component.ValidateDescription(draft.Description);
        var existing = await store.ListAsync(cancellationToken);
        var byId = existing.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var members = draft.ComponentIds.Distinct(StringComparer.Ordinal).Select(id => byId.TryGetValue(id, out var c) && !c.IsGroup
            ? c
            : throw new DomainRuleException($"There is no component with id '{id}' to put in the group.")).ToArray();
        var now = time.GetUtcNow();
        var group = new Component
        {
            Id = Ids.NewId(),
            Name = draft.Name.Trim(),
            Description = draft.Description,
            IsGroup = true,
            Position = NextPosition(existing),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AddAsync(group, cancellationToken);
        foreach (var member in members)
        {
            member.GroupId = group.Id;
            member.UpdatedAt = now;
            await store.UpdateAsync(member, cancellationToken);
        }

        await publish.PublishAsync();
        return (group, members);
    }

    /// <returns>The changed component, or null when there is none with that id.</returns>
    /// <param name="expectedVersion">The version the caller read (If-Match); none applies the change to the latest (<see cref="LatestVersion"/>).</param>
    public Task<Component?> UpdateAsync(string id, ComponentChanges changes, string? expectedVersion, CancellationToken cancellationToken)
        => LatestVersion.ApplyAsync(expectedVersion, () => UpdateOnceAsync(id, changes, expectedVersion, cancellationToken), time, cancellationToken);

    private async Task<Component?> UpdateOnceAsync(string id, ComponentChanges changes, string? expectedVersion, CancellationToken cancellationToken)
    {
        var component = await store.GetAsync(id, cancellationToken);
        if (component is null)
        {
            return null;
        }

        if (expectedVersion is not null && expectedVersion != component.Version)
        {
            throw new ConcurrencyConflictException("Someone else changed this component since you read it. Reload it and apply your change again.");
        }

        Rename(component, changes.Name, changes.Description);

        if (changes.GroupId is not null)
        {
            if (component.IsGroup)
            {
                throw new DomainRuleException("A group cannot be put inside another group.");
            }

            component.GroupId = RequireGroup(await store.ListAsync(cancellationToken), changes.GroupId);
        }

        if (changes.Status is { } status)
        {
            if (component.IsGroup)
            {
                throw new DomainRuleException("A group's status is the worst of its components'; set theirs instead.");
            }

            component.Status = status;
        }

        component.Showcase = changes.Showcase ?? component.Showcase;
        component.OnlyShowIfDegraded = changes.OnlyShowIfDegraded ?? component.OnlyShowIfDegraded;
        component.StartDate = changes.StartDate ?? component.StartDate;
        component.Position = changes.Position ?? component.Position;
        component.UpdatedAt = time.GetUtcNow();
        await store.UpdateAsync(component, cancellationToken);
        await publish.PublishAsync();
        return component;
    }

    /// <returns>False when there is no component with that id.</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var component = await store.GetAsync(id, cancellationToken);
        if (component is null)
        {
            return false;
        }

        if (component.IsGroup && (await store.ListAsync(cancellationToken)).Any(c => c.GroupId == id))
        {
            throw new DomainRuleException("This group still has components; move or delete them first.");
        }

        await store.DeleteAsync(component, cancellationToken);
        await publish.PublishAsync();
        return true;
    }

    /// <summary>A group and the components in it, or null when there is no group with that id.</summary>
    public async Task<(Component Group, IReadOnlyList<Component> Members)?> GetGroupAsync(string id, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        var group = all.FirstOrDefault(c => c.Id == id && c.IsGroup);
        return group is null ? null : (group, Members(all, id));
    }

    /// <summary>Renames a group or sets exactly which components it holds (those left out leave it, ungrouped).</summary>
    /// <returns>The group and its members, or null when there is no group with that id.</returns>
    public Task<(Component Group, IReadOnlyList<Component> Members)?> UpdateGroupAsync(string id, ComponentGroupChanges changes, string? expectedVersion, CancellationToken cancellationToken)
        => LatestVersion.ApplyAsync(expectedVersion, () => UpdateGroupOnceAsync(id, changes, expectedVersion, cancellationToken), time, cancellationToken);

    private async Task<(Component Group, IReadOnlyList<Component> Members)?> UpdateGroupOnceAsync(string id, ComponentGroupChanges changes, string? expectedVersion, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        var group = all.FirstOrDefault(c => c.Id == id && c.IsGroup);
        if (group is null)
        {
            return null;
        }

        if (expectedVersion is not null && expectedVersion != group.Version)
        {
            throw new ConcurrencyConflictException("Someone else changed this group since you read it. Reload it and apply your change again.");
        }

        var now = time.GetUtcNow();
        var changed = new List<Component>();
        if (changes.ComponentIds is { } wanted)
        {
            var byId = all.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var members = wanted.Distinct(StringComparer.Ordinal).Select(m => byId.TryGetValue(m, out var c) && !c.IsGroup
                ? c
                : throw new DomainRuleException($"There is no component with id '{m}' to put in the group.")).ToHashSet();
            foreach (var component in all.Where(c => !c.IsGroup))
            {
                var inGroup = members.Contains(component);
                if (inGroup != (component.GroupId == id))
                {
                    component.GroupId = inGroup ? id : null;
                    component.UpdatedAt = now;
                    changed.Add(component);
                }
            }
        }

        Rename(group, changes.Name, changes.Description);

        // The group is written first, on the version read: a concurrent change to it fails here, before any member moved.
        group.UpdatedAt = now;
        await store.UpdateAsync(group, cancellationToken);
        foreach (var component in changed)
        {
            await store.UpdateAsync(component, cancellationToken);
        }

        await publish.PublishAsync();
        return (group, Members(all, id));
    }

    /// <summary>Deletes a group as Statuspage does: its components stay on the page, ungrouped.</summary>
    /// <returns>False when there is no group with that id.</returns>
    public async Task<bool> DeleteGroupAsync(string id, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        var group = all.FirstOrDefault(c => c.Id == id && c.IsGroup);
        if (group is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        foreach (var member in Members(all, id))
        {
            member.GroupId = null;
            member.UpdatedAt = now;
            await store.UpdateAsync(member, cancellationToken);
        }

        await store.DeleteAsync(group, cancellationToken);
        await publish.PublishAsync();
        return true;
    }

    /// <summary>A new name or description, each checked, for a component or a group; null leaves it as it is.</summary>
    private static void Rename(Component component, string? name, string? description)
    {
        if (name is not null)
        {
            Component.ValidateName(name);
            component.Name = name.Trim();
        }

        if (description is not null)
        {
            Component.ValidateDescription(description);
            component.Description = description;
        }
    }

    private static Component[] Members(IEnumerable<Component> all, string groupId)
        => all.Where(c => c.GroupId == groupId).OrderBy(c => c.Position).ToArray();

    private static string? RequireGroup(IReadOnlyList<Component> existing, string? groupId)
    {
        if (string.IsNullOrEmpty(groupId))
        {
            return null;
        }

        return existing.Any(c => c.Id == groupId && c.IsGroup)
            ? groupId
            : throw new DomainRuleException($"There is no component group with id '{groupId}'.");
    }

    private static int NextPosition(IReadOnlyList<Component> existing) => existing.Count == 0 ? 1 : existing.Max(c => c.Position) + 1;
}
