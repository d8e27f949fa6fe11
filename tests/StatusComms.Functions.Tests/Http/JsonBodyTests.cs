using System.Text;
using Microsoft.AspNetCore.Http;
using StatusComms.Functions.Contracts;
using StatusComms.Functions.Http;
using StatusComms.Incidents;

namespace StatusComms.Functions.Tests.Http;

public class JsonBodyTests
{
    [Fact]
    public async Task A_Statuspage_incident_body_is_read_with_its_enum_spellings()
    {
        var body = await Read("""{"incident": {"name": "API down", "status": "identified", "body": "x", "impact_override": "critical", "components": {"abc": "partial_outage"}}}""");

        Assert.Equal(IncidentStatus.Identified, body.Incident.Status);
        Assert.Equal(IncidentImpact.Critical, body.Incident.ImpactOverride);
        Assert.Equal(StatusComms.Components.ComponentStatus.PartialOutage, body.Incident.Components!["abc"]);
    }

    [Fact]
    public async Task An_unknown_field_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => Read("""{"incident": {"name": "x", "severity": "high"}}"""));

        Assert.Equal(400, error.Status);
        Assert.Contains("severity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_lists_the_accepted_ones()
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => Read("""{"incident": {"status": "fixed"}}"""));

        Assert.Contains("investigating, identified, monitoring, resolved, postmortem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_oversize_body_is_refused_before_reading()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = JsonBody.MaxBytes + 1;
        context.Request.Body = new MemoryStream();

        var error = await Assert.ThrowsAsync<ApiProblemException>(() => JsonBody.ReadAsync<IncidentRequest>(context.Request, CancellationToken.None));

        Assert.Equal(413, error.Status);
    }

    [Fact]
    public async Task An_undeclared_oversize_body_is_refused_while_reading()
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => Read("{\"incident\": {\"body\": \"" + new string('x', JsonBody.MaxBytes) + "\"}}", declareLength: false));

        Assert.Equal(413, error.Status);
    }

    private static Task<IncidentRequest> Read(string json, bool declareLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        if (declareLength)
        {
            context.Request.ContentLength = bytes.Length;
        }

        return JsonBody.ReadAsync<IncidentRequest>(context.Request, CancellationToken.None);
    }
}
