using System.Text;
using Microsoft.AspNetCore.Http;
using StatusComms.Functions.Contracts;
using StatusComms.Functions.Http;
using StatusComms.Incidents;

namespace StatusComms.Functions.Tests.Http;

public class RequestBodyTests
{
    [Fact]
    public async Task A_Statuspage_incident_body_is_read_with_its_enum_spellings()
    {
        var body = await Read("""{"incident": {"name": "API down", "status": "identified", "body": "x", "impact_override": "critical", "components": {"abc": "partial_outage"}}}""");

        Assert.Equal(IncidentStatus.Identified, body.Incident.Status?.Incident);
        Assert.Equal(IncidentImpact.Critical, body.Incident.ImpactOverride?.Incident);
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
    public async Task A_JSON_field_given_twice_is_refused_not_silently_resolved()
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => Read("""{"incident": {"name": "a", "name": "b"}}"""));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task A_declared_oversize_body_is_refused_before_reading()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = RequestBody.MaxBytes + 1;
        context.Request.Body = new MemoryStream();

        var error = await Assert.ThrowsAsync<ApiProblemException>(() => RequestBody.ReadAsync<IncidentRequest>(context.Request, CancellationToken.None));

        Assert.Equal(413, error.Status);
    }

    [Fact]
    public async Task An_undeclared_oversize_body_is_refused_while_reading()
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => Read("{\"incident\": {\"body\": \"" + new string('x', RequestBody.MaxBytes) + "\"}}", declareLength: false));

        Assert.Equal(413, error.Status);
    }

    // The create-incident sample of Statuspage's API reference, as curl -d sends it, with the documented fields.
    private const string StatuspageForm =
        "incident[name]=Payments%20failing&incident[status]=investigating&incident[impact_override]=major"
        + "&incident[body]=Card%20payments%20fail%20for%20about%2030%25%20of%20customers.%20Next%20update%20in%2030%20minutes."
        + "&incident[component_ids][]=cmpa&incident[component_ids][]=cmpb&incident[components][cmpa]=major_outage"
        + "&incident[deliver_notifications]=false&incident[metadata][jira][issue_id]=OPS-1&incident[auto_tweet_on_creation]=true"
        + "&incident[backfilled]=false";

    [Fact]
    public async Task A_Rails_style_form_reads_into_the_same_request_as_its_JSON()
    {
        var (fromForm, formHeaders) = await ReadWith(StatuspageForm, FormBody.MediaType);
        var (fromJson, jsonHeaders) = await ReadWith(
            """
            {"incident": {"name": "Payments failing", "status": "investigating", "impact_override": "major",
              "body": "Card payments fail for about 30% of customers. Next update in 30 minutes.",
              "component_ids": ["cmpa", "cmpb"], "components": {"cmpa": "major_outage"}, "deliver_notifications": false,
              "metadata": {"jira": {"issue_id": "OPS-1"}}, "auto_tweet_on_creation": true, "backfilled": false}}
            """,
            "application/json");

        foreach (var incident in new[] { fromForm.Incident, fromJson.Incident })
        {
            Assert.Equal("Payments failing", incident.Name);
            Assert.Equal(IncidentStatus.Investigating, incident.Status?.Incident);
            Assert.Equal(IncidentImpact.Major, incident.ImpactOverride?.Incident);
            Assert.Equal("Card payments fail for about 30% of customers. Next update in 30 minutes.", incident.Body);
            Assert.Equal(["cmpa", "cmpb"], incident.ComponentIds!);
            Assert.Equal(StatusComms.Components.ComponentStatus.MajorOutage, Assert.Single(incident.Components!).Value);
            Assert.False(incident.DeliverNotifications);
        }

        // Fields with no meaning here are accepted and named, in both encodings.
        Assert.Equal("incident.metadata, incident.backfilled, incident.auto_tweet_on_creation", formHeaders[RequestBody.IgnoredFieldsHeader].ToString());
        Assert.Equal(formHeaders[RequestBody.IgnoredFieldsHeader].ToString(), jsonHeaders[RequestBody.IgnoredFieldsHeader].ToString());
    }

    [Theory]
    [InlineData("incident[name]=x&incident[severity]=high", "Unknown field 'severity'")]
    [InlineData("incident[status]=fixed", "use one of: investigating")]
    [InlineData("incident[deliver_notifications]=maybe", "wrong type")]
    [InlineData("incident[name]=a&incident[name]=b", "given twice")]
    [InlineData("incident[name=a", "not a field name")]
    [InlineData("incident=a", "nested fields")]
    [InlineData("incident[component_ids][]=a&incident[component_ids][x]=b", "mixes a list")]
    [InlineData("name=x", "Unknown field 'name'")]
    public async Task A_bad_form_is_a_400_that_says_what_is_wrong(string form, string expected)
    {
        var error = await Assert.ThrowsAsync<ApiProblemException>(() => ReadWith(form, FormBody.MediaType));

        Assert.Equal(400, error.Status);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_has_the_same_size_limit_and_other_media_types_are_415()
    {
        var large = await Assert.ThrowsAsync<ApiProblemException>(() => ReadWith("incident[body]=" + new string('x', RequestBody.MaxBytes), FormBody.MediaType));
        var text = await Assert.ThrowsAsync<ApiProblemException>(() => ReadWith("incident[name]=x", "text/plain"));

        Assert.Equal(413, large.Status);
        Assert.Equal(415, text.Status);
    }

    [Fact]
    public async Task An_empty_list_item_means_none_and_an_empty_value_clears_nothing()
    {
        var (body, headers) = await ReadWith("incident[component_ids][]=&incident[impact_override]=&incident[name]=", FormBody.MediaType);

        Assert.Empty(body.Incident.ComponentIds!);
        Assert.Null(body.Incident.ImpactOverride);
        Assert.Equal(string.Empty, body.Incident.Name);
        Assert.False(headers.ContainsKey(RequestBody.IgnoredFieldsHeader));
    }

    private static async Task<IncidentRequest> Read(string json, bool declareLength = true)
        => (await ReadWith(json, "application/json", declareLength)).Body;

    private static async Task<(IncidentRequest Body, IHeaderDictionary Headers)> ReadWith(string text, string contentType, bool declareLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        if (declareLength)
        {
            context.Request.ContentLength = bytes.Length;
        }

        var body = await RequestBody.ReadAsync<IncidentRequest>(context.Request, CancellationToken.None);
        return (body, context.Response.Headers);
    }
}
