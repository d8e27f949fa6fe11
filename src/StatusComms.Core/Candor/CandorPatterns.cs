using System.Text.RegularExpressions;

namespace StatusComms.Candor;

/// <summary>The wording the candor rules look for. Case-insensitive unless said otherwise; compiled at build time.</summary>
internal static partial class CandorPatterns
{
    private const RegexOptions Words = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Vague or evasive phrasing: says something is wrong without saying what.
    [GeneratedRegex(@"\btechnical (difficult(y|ies)|issues?|problems?|glitch(es)?)\b", Words)]
    public static partial Regex TechnicalDifficulties();

    [GeneratedRegex(@"\b(experiencing|having|seeing|facing|encountering) (some |a few |an? |certain |ongoing )?(issues?|problems?|difficult(y|ies)|disruptions?)\b", Words)]
    public static partial Regex ExperiencingIssues();

    /// <summary>"Issue" and "problem" name nothing a customer can recognise, whatever stands before them.</summary>
    [GeneratedRegex(@"\b((an|some|a few|certain|ongoing|intermittent|minor|unexpected|the|this|that|these|those) (\w+ )?)?(issues?|problems?)\b", Words)]
    public static partial Regex AnIssue();

    [GeneratedRegex(@"\b(some )?(users|customers) (may|might|could) (experience|see|notice|encounter|be affected|have)\b", Words)]
    public static partial Regex UsersMayExperience();

    [GeneratedRegex(@"\b(service|services) (disruption|degradation|interruption|issues?)s?\b|\bunexpected behaviou?r\b|\bnot (working|functioning|behaving) (as expected|properly|correctly|normally)\b", Words)]
    public static partial Regex ServiceDisruption();

    // A message that is nothing but "we're on it".
    [GeneratedRegex(@"\b(looking into|investigating|aware of|working on|checking|monitoring)( it| this| the (issue|problem|situation|matter|reports?))?\b", Words)]
    public static partial Regex OnIt();

    // Scope: what, where, how many.
    [GeneratedRegex(@"\d+(\.\d+)?\s?%|\bper ?cent\b|\b(all|every|most|half|many|about|around|roughly|one in \w+) (of (the|our) )?(customers|users|accounts|workspaces|requests|calls|payments|orders|emails|messages|logins|sign-ins|deliveries|uploads|exports|pages|searches)\b", Words)]
    public static partial Regex Share();

    /// <summary>Who is affected, described by what they do or have: "people who sign in with SSO", "for US merchants".</summary>
    [GeneratedRegex(@"\b(people|users|customers|accounts|workspaces|teams|merchants|developers|organi[sz]ations)\s+(who|whose|with|using|on|in|from|of|that)\b|\b(for|to) (all |every |any )?([\w-]+ ){0,2}(users|customers|accounts|workspaces|merchants|developers)\b|\b(any|every) (customer|user|account|workspace)\b|\beveryone\b", Words)]
    public static partial Regex Population();

    [GeneratedRegex(@"\b(EU|US|UK|Europe|European|North America|South America|Asia|APAC|EMEA|region|regions|Frankfurt|Virginia|Dublin|Ireland|London|Paris|Sydney|Tokyo|Singapore|Oregon|Ohio|California|Canada|Australia|India|Brazil|Japan|Germany)\b", Words)]
    public static partial Regex Region();

    // Apologies.
    [GeneratedRegex(@"\b(sorry|apologi[sz]e|apologies|apology)\b", Words)]
    public static partial Regex Apology();

    [GeneratedRegex(@"\b(apologi[sz]e|apologies|sorry|regret)\b[^.!?]{0,40}?\b(any|the) inconvenience\b|\binconvenience (this|that) (may|might) have caused\b", Words)]
    public static partial Regex BoilerplateApology();

    // Words that shrink a big incident.
    [GeneratedRegex(@"\b(brief(ly)?|minor|slight(ly)?|small number of|handful of|a few (users|customers|accounts|people)|some users|minimal|limited (impact|number)|blip|hiccup|momentar(y|ily)|negligible|only (a few|some|a small))\b", Words)]
    public static partial Regex Minimizing();

    // Promises nobody can keep.
    [GeneratedRegex(@"\b(will never happen again|won['’]?t (ever )?happen again|never happen again|(we )?guarantee[sd]?|rest assured|100% (sure|certain|confident))\b", Words)]
    public static partial Regex NeverAgain();

    [GeneratedRegex(@"\bwill be (fully )?(fixed|resolved|restored|back( up| online| to normal)?|working( again)?|up and running|available)( again)? (in|within|by|before) ([^.!?]{0,20}?\d|an? (hour|minute)|the end of)", Words)]
    public static partial Regex FixTime();

    [GeneratedRegex(@"\b(expect|expected|estimate|estimated|aim|aiming|hope|should|likely|plan|planning|target|if)\b", Words)]
    public static partial Regex Hedge();

    [GeneratedRegex(@"\b(probably|most likely|we (think|believe|suspect|assume)|might be|may be|possibly) (caused|due|because|related|the result)\b", Words)]
    public static partial Regex Speculation();

    // Blame and hindsight.
    [GeneratedRegex(@"\bhuman error\b|\b\w+['’]s (mistake|error|fault|carelessness)\b|\bshould(n['’]?t)? have\b|\bshould['’]ve\b|\b(obviously|clearly|of course)\b|\b(careless(ness)?|negligen(t|ce)|incompeten(t|ce)|sloppy|stupid)\b|\b(an?|the|our|one of our) (junior )?(engineer|developer|intern|admin|administrator|operator|employee|contractor|team member|technician)s? (made|forgot|failed to|accidentally|mistakenly|did ?n['’]?t|broke|caused|ran|pushed|deleted)\b|\bdue to (a|an) (mistake|error) (by|from|of)\b|\bfault of\b", Words)]
    public static partial Regex Blame();

    /// <summary>A person's first name doing something (case-sensitive: a capitalised word, then the act).</summary>
    [GeneratedRegex(@"\b(?!We\b|Our\b|The\b|This\b|That\b|It\b|They\b|Engineers\b|Someone\b|Nobody\b|Everyone\b|Customers\b|Users\b|Teams?\b|Payments\b|Search\b|Webhooks\b|Login\b|Dashboard\b|API\b)[A-Z][a-z]{2,} (accidentally|mistakenly|forgot|broke|deployed|pushed|deleted|ran|misconfigured|made a mistake|caused)\b", RegexOptions.CultureInvariant)]
    public static partial Regex NamedPerson();

    // Jargon customers should not need to know.
    [GeneratedRegex(@"\b(BGP|DNS|TLS|SSL|k8s|kubernetes|pods?|etcd|quorum|OOM(-killed)?|p9[059]|p50|ingress|egress|load ?balancers?|LBs?|CDN|shards?|sharding|replicas?|replication lag|failover|hotfix(es)?|config(uration)? push(es)?|cache invalidation|race condition|memory leak|thread pool|connection pool|upstream|downstream|[45]xx|[45]\d\ds|RCA|SRE|SLO|SLA|MTTR|TTL|RPC|gRPC|VMs?|AZs?|cluster|control plane|data plane|saturation|backpressure|circuit breaker|idempotenc[ey]|null pointer|stack trace|segfault|deadlock|kernel|hypervisor|autoscal(er|ing)|canary|rollout|regression|heap|GC pauses?|garbage collection)\b", Words)]
    public static partial Regex Jargon();

    /// <summary>An all-capitals word of two to six letters: an acronym (case-sensitive).</summary>
    [GeneratedRegex(@"\b[A-Z]{2,6}s?\b", RegexOptions.CultureInvariant)]
    public static partial Regex Acronym();

    // Postmortem action items that commit to nothing.
    [GeneratedRegex(@"^\s*(improve|better|more|enhance|review|revisit|refactor|strengthen|increase|be more|look into|investigate|consider|try to|work on|optimi[sz]e)\b(?!.*\b(so that|by adding|that (blocks|alerts|pages|rejects|checks)|to (block|alert|page|reject|check|require|fail|stop)|when|within|before|every)\b)", Words)]
    public static partial Regex VagueActionItem();

    /// <summary>A template placeholder left unfilled: [[name]].</summary>
    [GeneratedRegex(@"\[\[[^\]]+\]\]")]
    public static partial Regex Placeholder();
}
