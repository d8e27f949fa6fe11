namespace StatusComms.Drills;

/// <summary>
/// The drill's clock, for everything on its sandbox page: the wall clock until the start, then running
/// <see cref="Drill.Speed"/> times as fast. Timestamps, promised next updates, playbook deadlines and nudges all
/// read it, so an accelerated drill stays consistent with itself.
/// </summary>
public sealed class DrillClock(Drill drill, TimeProvider wall) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => drill.DrillTime(wall.GetUtcNow());

    public override TimeZoneInfo LocalTimeZone => wall.LocalTimeZone;

    public override long TimestampFrequency => wall.TimestampFrequency;

    public override long GetTimestamp() => wall.GetTimestamp();
}
