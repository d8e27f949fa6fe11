using StatusComms.Candor;

namespace StatusComms.Functions.Candor;

/// <summary>
/// POST candor/check: reviews a draft before it is posted. Answers 200 with <c>publishable</c> and the findings
/// (errors block publishing unless overridden with a reason; warnings inform).
/// </summary>
public sealed class CheckDraft(DraftReviewService review)
{
    [Function(nameof(CheckDraft))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CandorCheck)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<DraftRequest>(request, cancellationToken);
        return ApiResults.Ok(DraftVerdictJson.From(await review.CheckAsync(body.Draft.ToDraft(), cancellationToken)));
    }
}
