using System.Text.RegularExpressions;

namespace StatusComms.Candor;

/// <summary>
/// The wording the candor rules look for. Case-insensitive unless said otherwise; compiled at build time. Tuned on
/// real status messages (tests/StatusComms.Core.Tests/Candor/real-messages.jsonl) and written to generalise: each
/// pattern names a kind of wording, not a company's phrasing.
/// </summary>
internal static partial class CandorPatterns
{
    private const RegexOptions Words = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // ----- Vague or evasive phrasing: says something is wrong without saying what.
    [GeneratedRegex(@"\btechnical (difficult(y|ies)|issues?|problems?|glitch(es)?)\b", Words)]
    public static partial Regex TechnicalDifficulties();

    [GeneratedRegex(@"\b(experiencing|having|seeing|facing|encountering) (some |a few |an? |certain |ongoing |multiple |intermittent )?(issues?|problems?|difficult(y|ies)|disruptions?)\b", Words)]
    public static partial Regex ExperiencingIssues();

    /// <summary>
    /// An issue nobody has described: "an issue", "some problems", "intermittent issues", "multiple issues". "The
    /// issue" and "this problem" point back at something already said and are not matched.
    /// </summary>
    [GeneratedRegex(@"\b(an|some|a few|certain|ongoing|intermittent|minor|unexpected|multiple|various|general|potential) (\w+ )?(issues?|problems?)\b|\ba (\w+ )?(issue|problem)\b", Words)]
    public static partial Regex AnIssue();

    [GeneratedRegex(@"\b(some )?(users|customers) (may|might|could) (experience|see|notice|encounter|be affected|have)\b", Words)]
    public static partial Regex UsersMayExperience();

    [GeneratedRegex(@"\b(service|services) (disruption|degradation|interruption|issues?)s?\b|\bdegraded (performance|experiences?|service)\b|\bunexpected behaviou?r\b|\bnot (working|functioning|behaving) (as expected|properly|correctly|normally)\b", Words)]
    public static partial Regex ServiceDisruption();

    // ----- What customers would recognise: something failing, slow, wrong, lost or out of reach.
    [GeneratedRegex(@"\b(fail(s|ed|ing|ures?)?|errors?|erroring|unable|cannot|can['’]?t|could ?n['’]?t|could not|not able|unavailable|inaccessible|unreachable|unresponsive|outages?|offline|went down|is down|are down|was down|were down|down for|delay(s|ed|ing)?|late|lag(s|ging)?|slow(er|ly|ness|s|ed|down)?|latenc(y|ies)|time ?outs?|timed out|timing out|hang(s|ing)?|hung|stuck|backlogs?|queued|queueing|lost|loss|losing|missing|incorrect(ly)?|(?<!(went|goes|gone|go|going|what was|what is) )wrong(ly)?|erroneous(ly)?|invalid|duplicat(e|ed|es|ion)|blank|broken|reject(s|ed|ing|ions?)?|bounc(e|ed|es|ing)|refus(e|ed|es|ing)|disconnect(s|ed|ions?)?|packet loss|throttl(ed|ing)|(over)?charged|declin(e|ed|es|ing)|crash(es|ed|ing)?|fr[oe]ze|frozen|freezing|stale|inaccura(te|cy)|blackhol\w*|not (be(ing)? )?(load|work|deliver|send|sen[dt]|process|updat|show|display|propagat|appear|connect|start|run|sync|receiv|reflect|install|creat|captur|execut|avail|visible|reachable)\w*|(trouble|difficult(y|ies)|problems?|issues?) (connecting|accessing|logging|signing|loading|sending|receiving|starting|creating|using|reconnecting|authenticating|installing)|[45]xx)\b|\bprevent(s|ed|ing)? ([\w-]+ ){1,3}from\b|\b(increased|elevated|higher|longer|high|spikes? in|reduced|lower|decreased|degraded) ([\w-]+ ){0,3}(times?|rates?|latenc(y|ies)|load|waits?|throughput|availability|success rates?|capacity)\b|\blonger than (usual|normal|expected)\b|\btook (\d+|a few|several|many)( to \d+)? (seconds|minutes|hours)\b|\b(no|none of the|not all) ([\w-]+ ){0,3}(went out|arrived|were sent|was sent|got through|loaded|worked)\b|\b(returned|returning|returns|return|showed|showing|shows|gave|giving) (no|empty|zero) ([\w-]+ ){0,2}(results?|data|responses?|pages?|lists?|items?)\b|\b(came|come|comes|coming) back empty\b|\bshow(ed|ing|s)? (yesterday['’]s|old|outdated|the wrong|wrong)\b|\b(connectivity|resolution|connection|network|networking|login|sign-in|authentication|access|deliverability|delivery) (issues?|problems?|failures?|disruptions?)\b|\b(HTTP|status|error|code|returned|returning|returns|with|responses?|seeing|saw|see)\s+(code\s+)?[45]\d\d\b|\b[45]\d\d(s|\s+(errors?|responses?|status))\b", Words)]
    public static partial Regex Symptom();

    /// <summary>
    /// Words that say the service was worse without saying how: too little while it is going on ("degraded
    /// performance for Codespaces"), but enough of an impact statement once it is over and the window is given.
    /// </summary>
    [GeneratedRegex(@"\b(degrad(ed|ation|ations)|disrupt(ed|ion|ions)|interrupt(ed|ion|ions)|outages?|downtime|(performance|connectivity|access|availability|service) (issues?|problems?)|(increased|elevated|intermittent) [\w-]+|impact(ed|ing)? (the |our )?[\w-]+)\b", Words)]
    public static partial Regex WeakSymptom();

    // ----- Scope: what, where, how many, who.
    [GeneratedRegex(@"\d+(\.\d+)?\s?%|\bper ?cent\b|\b(all|every|most|half|many|about|around|roughly|approximately|nearly|over|under|one in \w+|the (majority|minority)|a (majority|minority|subset|portion|fraction|proportion|number|share)) (of (the |our |all )?)?([\w-]+ ){0,2}(customers|users|accounts|workspaces|requests|calls|payments|orders|emails|e-mails|messages|logins|sign-ins|deliveries|uploads|downloads|exports|pages|searches|projects|repositories|builds|jobs|sites|apps|tenants|merchants|people|traffic|operations|queries|connections|instances|devices|organi[sz]ations|teams|members|agents|subscribers|clients|endpoints|numbers)\b|\b\d[\d,.]*\s?(k|m|million|thousand|hundred)?\s+([\w-]+ ){0,2}(customers|users|accounts|requests|payments|orders|emails|messages|attempts|people|projects|repositories|comments|sites|apps|jobs|builds|tenants|merchants|actors|events|records|files|instances|volumes|objects|calls)\b|\ba few (hundred|thousand|dozen)\b", Words)]
    public static partial Regex Share();

    /// <summary>Who is affected, described by what they do or have: "people who sign in with SSO", "for US merchants".</summary>
    [GeneratedRegex(@"\b(people|users|customers|accounts|workspaces|teams|merchants|developers|organi[sz]ations|tenants|agents|end-users|subscribers|clients|projects|sites|apps|stores|deployments|repositories)\s+(who|whose|with|using|on|in|from|of|that|making|creating|sending|running|hosted|located|trying|attempting|connecting|delivering|accessing|behind)\b|\b(for|to|affecting|impacting) (all |every |any |some |many |most )?([\w-]+ ){0,2}(users|customers|accounts|workspaces|merchants|developers|tenants|agents)\b|\b(any|every) (customer|user|account|workspace)\b|\beveryone\b|\b(enterprise|free|paid|pro|business|trial|new|existing|mobile|desktop|android|ios|web|api|self-hosted|hosted) (users|customers|accounts|plans?|tier|clients)\b", Words)]
    public static partial Regex Population();

    [GeneratedRegex(@"\b(EU|US|UK|EMEA|APAC|LATAM|Europe|European|North America|South America|Asia|Asia Pacific|Middle East|Africa|Oceania|region|regions|regional|zones?|datacenters?|data cent(er|re)s?|availability zones?|globally|global|worldwide|Frankfurt|Virginia|Dublin|Ireland|London|Paris|Amsterdam|Madrid|Milan|Stockholm|Sydney|Tokyo|Osaka|Seoul|Mumbai|Singapore|Hong Kong|Oregon|Ohio|California|Fremont|Toronto|Montreal|Canada|Australia|India|Brazil|Japan|Germany|France|Spain|Italy|Netherlands)\b|\b(us|eu|ap|sa|ca|me|af|asia|europe|northamerica|southamerica|australia|austrailia|usw|use|euw|euc)-?(east|west|north|south|central|northeast|southeast|southwest|northwest)?-?\d(-az\d)?\b|\b[a-z]{3,4}\d-az\d\b|\bpods? \d+\b|(?-i:\b[A-Z]{2,4}\d\b)", Words)]
    public static partial Regex Region();

    /// <summary>A named product, feature or place: a capitalised word inside a sentence (case-sensitive).</summary>
    [GeneratedRegex(@"(?<=[a-z,;:'’""(/]\s+)(?!(?:I|We|Our|The|This|That|These|Those|It|Its|They|UTC|GMT|AM|PM|PT|ET|PST|PDT|EST|EDT|CET|CEST|BST|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Engineering|Engineers?|Support|Team|Thank|Thanks|Next|Update|Customers?|Users?)\b)[A-Z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*\b", RegexOptions.CultureInvariant)]
    public static partial Regex ProductName();

    /// <summary>A thing customers use or do, named by its kind: "the Pull Requests dashboard", "package downloads".</summary>
    [GeneratedRegex(@"\b(api|apis|endpoints?|dashboard|console|website|web ?site|app|apps|mobile app|(web |mobile )?applications?|portal|ui|cli|sdk|checkout|inbox|login|log-in|sign-in|sign in|signing in|logging in|search|notifications?|emails?|e-mails?|webhooks?|payments?|billing|invoices?|uploads?|downloads?|builds?|deploys?|deployments?|pipelines?|jobs?|workflows?|campaigns?|imports?|exports?|chats?|messages?|messaging|tickets?|repositories|repos|pull requests?|git|ssh|https?|smtp|dns|storage|backups?|databases?|queries|transactions?|ingestion|processing|delivery|deliveries|recharges?|charges?|orders?|cards?|accounts?|passwords?|passkeys?|certificates?|domains?|images?|videos?|voice|sms|extensions?|runners?|instances?|volumes?|functions?|packages?|registry|metrics|traces?|alerts?|integrations?|authentication|mfa|sso|oauth)\b", Words)]
    public static partial Regex Feature();

    // ----- When: a clock time, a date, a day, or a duration.
    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b\.?|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.? \d{1,2}(st|nd|rd|th)?\b|\b\d{1,2}(st|nd|rd|th)? (of )?(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|this (morning|afternoon|evening)|last (night|week)|overnight|earlier today)\b|\b(since|for|over|lasted|lasting|took|about|approximately|roughly|nearly|up to|within|of)\s+(about |approximately |roughly |nearly |over |under |up to |around |the (first|last) )?(\d+(\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|several|many|a few|a couple of)[ -](seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\b|\b\d+(\.\d+)?[ -]?(seconds?|minutes?|mins?|hours?|hrs?|days?)\b|\bmany hours\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+)[ -](minute|hour|day)\b", Words)]
    public static partial Regex When();

    // ----- Apologies.
    [GeneratedRegex(@"\b(sorry|apologi[sz]e[sd]?|apologi[sz]ing|apologies|apology|regret)\b", Words)]
    public static partial Regex Apology();

    [GeneratedRegex(@"\b(apologi[sz]e|apologies|sorry|regret)\b[^.!?]{0,40}?\b(any|the) inconvenience\b|\binconvenience (this|that) (may|might) have caused\b", Words)]
    public static partial Regex BoilerplateApology();

    // ----- Words that shrink a big incident (the rule skips a sentence that gives the figure).
    [GeneratedRegex(@"\b(brief(ly)?|minor|slight(ly)?|small number of|handful of|a few (users|customers|accounts|people)|minimal|limited (impact|number)|blip|hiccup|momentar(y|ily)|negligible|only (a few|some|a small)|(only|just) (lasted |took )?(a few|a couple of) (minutes|seconds)|lasted (only )?(a few|a couple of) (minutes|seconds))\b", Words)]
    public static partial Regex Minimizing();

    /// <summary>A figure that sizes the impact: a number or a share.</summary>
    [GeneratedRegex(@"\d|\bper ?cent\b|\b(all|every|most|majority)\b", Words)]
    public static partial Regex Figure();

    // ----- Promises nobody can keep.
    [GeneratedRegex(@"\b(will never happen again|won['’]?t (ever )?happen again|never happen again|(from )?ever happen(ing)? again|(ensure|make sure|guarantee|promise)[^.!?]{0,60}?\b(can(no|['’])?t|will not|won['’]?t|does ?n['’]?t|do ?n['’]?t|does not|do not|never|not)\b[^.!?]{0,20}?\b(happen|occur|recur|repeat)\w*( again)?|(we )?guarantee[sd]?|rest assured|100% (sure|certain|confident))\b", Words)]
    public static partial Regex NeverAgain();

    [GeneratedRegex(@"\bwill be (fully )?(fixed|resolved|restored|back( up| online| to normal)?|working( again)?|up and running|available)( again)? (in|within|by|before) ([^.!?]{0,20}?\d|an? (hour|minute)|the end of)", Words)]
    public static partial Regex FixTime();

    [GeneratedRegex(@"\b(expect|expected|estimate|estimated|aim|aiming|hope|should|likely|plan|planning|target|if)\b", Words)]
    public static partial Regex Hedge();

    /// <summary>A guessed cause given as the explanation: "looks related to", "we believe … became unavailable".</summary>
    [GeneratedRegex(@"\b(probably|most likely|likely|possibly|perhaps|appears? to be|seems? to be|looks? (like|related to|to be)|we (think|believe|suspect|assume)|is believed|was believed|might be|may be) (caused|due|because|related|the result|linked|tied|connected|an?|the|that|some)\b", Words)]
    public static partial Regex Speculation();

    // ----- Blame: a person made the cause.
    [GeneratedRegex(@"\b((caused by|due to|result of|because of|was|were|blame[sd]? on) (a |an )?(simple |basic )?(human|operator|user|engineer|staff|employee|manual) (error|mistake)s?)\b|\b\w+['’]s (mistake|fault|carelessness|negligence|incompetence)\b|\b(careless(ness)?|negligen(t|ce)|incompeten(t|ce)|sloppy|stupid|lazy|reckless)\b|\b(an?|the|one of our) (junior |new |inexperienced |single )?(engineer|developer|intern|admin|administrator|operator|employee|contractor|team member|technician|staff member|person)s? (made|forgot|failed to|accidentally|mistakenly|did ?n['’]?t|did not|broke|caused|ran|pushed|deleted|misconfigured|ignored|overlooked)\b|\b(he|she|they|the engineer|the developer|the operator|the admin|someone|somebody) should(n['’]?t| not)? have\b|\bdue to (a|an) (mistake|error) (by|from|of) (a|an|the|one)\b|\bfault of\b|\b(somebody|someone|a colleague|an engineer|a teammate) \([A-Z][a-z]+\)|\b(an?|one) ([\w-]+ )?(user|customer)(['’]s)? (launched|ran|started|created|sent|abused|overloaded)\b|\b(behaviou?r|actions?|abuse) (by|of) (this|that|a|an|one) ([\w-]+ )?(user|customer)\b", Words)]
    public static partial Regex Blame();

    /// <summary>
    /// A first name doing the deed (case-sensitive: a capitalised word, then an act that judges the doer, or a bad
    /// thing done). Companies do things too ("Cloudflare deployed a mechanism"), so plain acts are not enough.
    /// </summary>
    [GeneratedRegex(@"\b(?!We\b|Our\b|The\b|This\b|That\b|It\b|They\b|Engineers\b|Someone\b|Nobody\b|Everyone\b|Customers\b|Users\b|Teams?\b)[A-Z][a-z]{2,} (accidentally|mistakenly|carelessly|forgot|broke|misconfigured|made a mistake|made an error|(deployed|pushed|shipped|ran|merged|released|applied) (a|an|the) (bad|wrong|broken|faulty|buggy|untested))\b", RegexOptions.CultureInvariant)]
    public static partial Regex NamedPerson();

    /// <summary>A capitalised word before an act that caused the incident (case-sensitive); the word is checked against <see cref="FirstNames"/>.</summary>
    [GeneratedRegex(@"\b(?<name>[A-Z][a-z]{2,})(?: [A-Z]\.)? (?:had |has )?(?:deployed|pushed|shipped|ran|merged|released|applied|changed|deleted|removed|dropped|restarted|rebooted|regenerated|misconfigured|caused|triggered|started|typed|executed|approved|skipped|missed|ignored|disabled|turned off)\b", RegexOptions.CultureInvariant)]
    public static partial Regex CapitalisedActor();

    /// <summary>Common given names: a person named as the one who did it is blame, a company doing the same is not.</summary>
    public static readonly HashSet<string> FirstNames = new(StringComparer.Ordinal)
    {
        "Aaron", "Adam", "Adrian", "Ahmed", "Aisha", "Alan", "Alex", "Alice", "Alicia", "Amanda", "Amy", "Ana", "Andrea", "Andrew", "Andy", "Angela", "Anna", "Anne", "Anthony", "Arjun",
        "Ben", "Benjamin", "Bill", "Bob", "Brad", "Brian", "Carl", "Carlos", "Carol", "Catherine", "Charles", "Charlie", "Chen", "Chris", "Christian", "Claire", "Craig", "Dan", "Daniel",
        "Dave", "David", "Diana", "Diego", "Dmitri", "Emily", "Emma", "Eric", "Erik", "Fatima", "Frank", "Gary", "George", "Greg", "Hannah", "Hans", "Harry", "Helen", "Ian", "Igor",
        "Isabel", "Jack", "Jake", "James", "Jan", "Jane", "Jason", "Jeff", "Jen", "Jennifer", "Jessica", "Jim", "Joe", "John", "Jon", "Jorge", "Jose", "Joseph", "Josh", "Juan", "Julia",
        "Karen", "Kate", "Kevin", "Kim", "Laura", "Lee", "Liam", "Linda", "Lisa", "Luca", "Lucas", "Luis", "Maria", "Mark", "Martin", "Mary", "Matt", "Matthew", "Max", "Michael",
        "Mike", "Mohammed", "Nancy", "Nick", "Nina", "Noah", "Oliver", "Olivia", "Omar", "Pablo", "Patrick", "Paul", "Pedro", "Pete", "Peter", "Priya", "Rachel", "Raj", "Ravi", "Rebecca",
        "Rob", "Robert", "Ryan", "Sam", "Sara", "Sarah", "Scott", "Sean", "Sophie", "Stefan", "Steve", "Steven", "Susan", "Tim", "Tom", "Tony", "Victor", "Wei", "Will", "William", "Yuki",
    };

    // ----- Jargon: internals and operator terms customers should not need to know. Product vocabulary (HTTP status
    // codes, API, DNS, TLS, CDN, load balancer, region, rollout) is not on this list; the page's own component names
    // and title never count.
    [GeneratedRegex(@"\b(BGP|k8s|kubernetes|etcd|quorum|OOM(-killed)?|p9[059]|p50|ingress|shards?|sharding|replicas?|replication (lag|topology)|LBs?|config(uration)? push(es)?|(TLS|SSL) handshakes?|vreplication|keyspaces?|vschema|backfill(s|ing)?|codepath|race condition|memory (leak|pressure)|thread pools?|connection pools?|cache pools?|RPC|gRPC|xDS|hotfix(es)?|control plane|data plane|backpressure|circuit[- ]breakers?|idempotenc[ey]|null pointer|stack trace|segfault|deadlock|hypervisor|autoscal(er|ers|ing)|HPA( max(imums?)?)?|canary|GC pauses?|garbage collection|heap|step[- ]down|leader election|failback|failover|flapp(ed|ing)|health checks? flapp\w*|sidecars?|service mesh|mesh|Consul|ZooKeeper|Kafka|ClickHouse|Snuba|Vitess|Cassandra|Redis|Memcached|RabbitMQ|haproxy|nginx|envoy|WireGuard|6PN|KV( path| store)?|IdP|TwiML|XFS|inode|kernel|write (root|master)|read replicas?|leaf nodes?|storage processes|rebalanc(e|ed|ing)|telemetry subsystem|caching proxy|programming pipeline|deprogrammed|reprogramming|schema constraint|vacuum(ing)?|autovacuum(ing)?)\b", Words)]
    public static partial Regex Jargon();

    // ----- Follow-ups: what a team says it will change. Generic ones commit to nothing.
    [GeneratedRegex(@"\b(prevent|avoid|reduce the risk of|protect against|minimi[sz]e)\b[^.!?]{0,60}\b(recurrence|recurring|reoccur\w*|happening again|similar (incidents?|issues?|problems?)|(this|these|such|that) (type|kind|class)s? of|future|again|in the future|going forward)\b|\b(going forward|in the future|to prevent (this|a recurrence|recurrence|similar)|next steps|remediation|follow-?ups?|action items?|we will|we['’]ll|we are (going to|planning to|committed to)|we plan to|we have (since )?(added|implemented|deployed|removed|updated|changed|introduced)|long-term work|post-incident review|postmortem process)\b", Words)]
    public static partial Regex FollowUpTalk();

    /// <summary>A promise of the postmortem itself ("we will publish an analysis"): neither a vague nor a concrete follow-up.</summary>
    [GeneratedRegex(@"\b(publish\w*|shar(e|ed|ing)|post(ed|ing)?|provid\w*|send\w*|releas\w*)\b[^.!?]{0,60}\b(post-?mortem|root cause analysis|RCA|incident report|analysis|report|reason for outage|RFO|details)\b|\b(post-?mortem|root cause analysis|RCA|incident report|analysis|report|RFO)\b[^.!?]{0,60}\b(publish\w*|shar(e|ed|ing)|post(ed|ing)?|provid\w*|send\w*)\b", Words)]
    public static partial Regex PostmortemPromise();

    /// <summary>A heading or lead-in that opens the section of follow-ups.</summary>
    [GeneratedRegex(@"^\W*(next steps|remediation|prevention|mitigations?|action items?|follow-?ups?|what we('re| are) (doing|changing)|lessons learned|improvements|how we('ll| will) prevent)", Words)]
    public static partial Regex FollowUpHeading();

    /// <summary>A follow-up that names a concrete change: a mechanism added, removed, automated or limited, or a date.</summary>
    [GeneratedRegex(@"\b(add(s|ed|ing)?|adding|built|build(ing)?|ship(ped|ping)?|migrat(e|ed|es|ing)|automat(e|ed|es|ing|ion|ically)|replac(e|ed|es|ing)|remov(e|ed|es|ing)|split(ting)?|separat(e|ed|ing)|isolat(e|ed|ion|ing)|dedicated|reconfigur(e|ed|ing)|upgrad(e|ed|es|ing)|rewr(ite|ote|itten)|introduc(e|ed|ing)|enforc(e|ed|es|ing)|requir(e|ed|es|ing)|block(s|ed|ing)?|cap(s|ped)?|rate[- ]limit\w*|throttl\w*|fallback|redundan(t|cy)|retir(e|ed|ing)|eliminat(e|ed|es|ing)|decommission\w*|rolled back|roll(ed)? out (a|an|the) (new|fix)|fix(ed|es|ing)? (the|our|this) (bug|defect|flaw|script|tooling|code ?path)|new (checks?|alerts?|alerting|monitors?|monitoring|tests?|safeguards?|failsafes?|limits?|validations?|pre-flight)|additional (checks?|alerts?|alerting|monitors?|monitoring|tests?|safeguards?|failsafes?|limits?|protections?|capacity)|failsafes?|pre-flight|(alert|alerting|alarm|check|test|monitor)(s|ing)? (for|on|that|when|if)|(by|before|within) (the end of|end of|\d|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|next (week|month|quarter))|so that|in case|keeps? (working|caching|serving))\b(?!\s+(process|processes|procedures?|practices|workflows?|steps)\b)(?!(\s+[\w-]+){0,3}\s+better\b)", Words)]
    public static partial Regex ConcreteChange();

    /// <summary>A follow-up phrased with no mechanism: improve, review, strengthen, look into, continue.</summary>
    [GeneratedRegex(@"\b(improv(e|ed|es|ing|ements?)|better|enhanc(e|ed|es|ing|ements?)|review(s|ed|ing)?|revisit\w*|strengthen\w*|increas(e|ed|es|ing) ([\w-]+ ){0,3}(visibility|monitoring|observability|resilience)|look(ing)? into|address(ing)?|continu(e|ing) (to )?(improv|invest)\w*|take steps|taking steps|taken steps|conduct(ing)?|learn(ing)? from|rebalanc\w*|update (the |our )?(deploy\w* )?(procedure|process|documentation|runbooks?|paging|alerting)\w*|documentation|training|more rigorous\w*|invest(ments?|ing)|optimi[sz]\w*|refactor\w*)\b", Words)]
    public static partial Regex GenericChange();

    /// <summary>
    /// Watching and working on it: a status, not a follow-up ("We will continue to monitor"), unless the same
    /// sentence says it is what will stop a recurrence ("closely monitoring database load to prevent this from
    /// happening again").
    /// </summary>
    [GeneratedRegex(@"\b(continu(e|es|ing) (to )?(monitor|work|watch)\w*|monitor(ing)? (closely|more|[\w-]+ load|the)|closely monitor\w*|work(ing)? (on|with))\b", Words)]
    public static partial Regex Watching();

    [GeneratedRegex(@"\b(prevent\w*|avoid\w*|recurr\w*|reoccur\w*|again|future|going forward|similar (incidents?|issues?|problems?))\b", Words)]
    public static partial Regex PreventionCue();

    // ----- Postmortem action items that commit to nothing.
    [GeneratedRegex(@"^\s*(improve|better|more|enhance|review|revisit|refactor|strengthen|increase|be more|look into|investigate|consider|try to|work on|optimi[sz]e)\b(?!.*\b(so that|by adding|that (blocks|alerts|pages|rejects|checks)|to (block|alert|page|reject|check|require|fail|stop)|when|within|before|every)\b)", Words)]
    public static partial Regex VagueActionItem();

    // ----- Durations stated for the impact as a whole (not a delay's size), compared with the incident's record:
    // "the outage lasted 35 minutes", "a 35-minute outage", "unavailable for 35 minutes", "total duration of 2 hours".
    [GeneratedRegex(@"\b(?:(?:outage|incident|disruption|downtime|impact|degradation|interruption|it|this)\s+(?:lasted|lasting|went on for|continued for)|(?:total|overall)\s+(?:duration|time|impact|impact window|length)(?:\s+of\s+(?:the\s+)?(?:outage|incident|impact|disruption))?\s+(?:was|of|:)|(?:unavailable|down|offline|failing|broken|not working)\s+for|failed\s+for)\s+(?:about |approximately |roughly |nearly |around |over |just over |under |almost )?(?<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)\s*(?<unit>minutes?|mins?|hours?|hrs?)(?:\s+and\s+(?<n2>\d+)\s*(?<unit2>minutes?|mins?))?\b|\bthe\s+(?:about |approximately |roughly |nearly |around |over |just over |under |almost )?(?<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)\s*(?<unit>minutes?|mins?|hours?|hrs?)(?:\s+and\s+(?<n2>\d+)\s*(?<unit2>minutes?|mins?))?\b\s+(?:in which|when|during which|of (?:the )?(?:outage|incident|downtime))|\b(?<n>\d+)-(?<unit>minute|hour)\s+(?:outage|incident|disruption|downtime|window|degradation|period)\b", Words)]
    public static partial Regex StatedDuration();

    /// <summary>A template placeholder left unfilled: [[name]].</summary>
    [GeneratedRegex(@"\[\[[^\]]+\]\]")]
    public static partial Regex Placeholder();
}
