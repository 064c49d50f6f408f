using Rampart.Policy.Model;
using Rampart.Policy.Rules;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Evaluation;

/// <summary>
/// Runs rules over parsed templates and returns findings. Knows nothing of files, consoles or the CDK.
/// Resource rules meet only the resources of the types they declare; template rules see one template;
/// deployment rules see every template of a deployment. Suppressions are applied here, once, not in rules.
/// </summary>
public sealed class PolicyEngine
{
    /// <summary>Resources per work unit: enough to outweigh handing the unit out, few enough to share a template.</summary>
    private const int ResourcesPerUnit = 128;

    /// <summary>Below this many resources in a batch one thread is done before a second would have started.</summary>
    private const int MinResourcesForThreads = 256;

    /// <summary>
    /// Deployment rules are taken with the second template rule of each section: early enough to run beside the long
    /// units rather than after them, late enough not to wait on an index the first rules are building.
    /// </summary>
    private const int DeploymentRulesRank = 2;

    private readonly IReadOnlyList<IRule> _rules;
    private readonly HashSet<string> _knownControlIds;

    public PolicyEngine(IReadOnlyList<IRule> rules)
    {
        _rules = rules;
        _knownControlIds = new HashSet<string>(rules.Select(r => r.Metadata.Id), StringComparer.Ordinal);
    }

    public IReadOnlyList<IRule> Rules => _rules;

    public EvaluationResult Evaluate(IReadOnlyList<Deployment> deployments, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var rules = options.RuleFilter is null ? _rules : _rules.Where(r => options.RuleFilter(r.Metadata)).ToList();
        var resourceRulesByType = rules.OfType<IResourceRule>()
            .SelectMany(rule => rule.ResourceTypes.Select(type => (type, rule)))
            .GroupBy(pair => pair.type, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.rule).ToArray(), StringComparer.Ordinal);
        var templateRules = rules.OfType<ITemplateRule>().ToArray();
        var deploymentRules = rules.OfType<IDeploymentRule>().ToArray();

        var applicable = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Finding>();
        var resourceCount = deployments.Sum(d => d.Templates.Sum(t => t.Resources.Count));
        var templateCount = deployments.Sum(d => d.Templates.Count);

        // Suppressions are read from the resources' metadata while the rules run: neither needs the other.
        var problems = new List<SuppressionProblem>(options.CentralSuppressionProblems);
        var collecting = options.Parallel && resourceCount >= MinResourcesForThreads
            ? Task.Factory.StartNew(() => CollectSuppressions(deployments, options, problems), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.FromResult(CollectSuppressions(deployments, options, problems));

        foreach (var deployment in deployments)
        {
            var batches = Batches(deployment.Templates, options.ResourcesPerBatch);
            foreach (var batch in batches)
            {
                var contexts = batch.Select(t => new TemplateContext(t)).ToArray();
                var resourcesHere = batch.Sum(t => t.Resources.Count);
                var units = WorkUnits(contexts, resourceRulesByType, templateRules, deployment.Name);
                if (batches.Count == 1 && deploymentRules.Length > 0)
                {
                    // One batch holds the whole deployment: its rules run beside the others, on the same contexts.
                    var whole = new DeploymentContext(deployment, contexts);
                    units = [.. units, new WorkUnit(deployment.Name, unit => EvaluateDeploymentRules(deploymentRules, whole, unit)) { Rank = DeploymentRulesRank }];
                }

                RunAll(units, options.Parallel && resourcesHere >= MinResourcesForThreads);
                foreach (var unit in units)
                {
                    applicable.UnionWith(unit.Applicable);
                    found.AddRange(unit.Found);
                }
            }

            if (batches.Count > 1 && deploymentRules.Length > 0)
            {
                // The batches' resolved values are gone; deployment rules read the few resources they judge afresh.
                var whole = new DeploymentContext(deployment, [.. deployment.Templates.Select(t => new TemplateContext(t))]);
                var unit = new WorkUnit(deployment.Name, unit => EvaluateDeploymentRules(deploymentRules, whole, unit));
                unit.Run(unit);
                applicable.UnionWith(unit.Applicable);
                found.AddRange(unit.Found);
            }
        }

        var suppressions = collecting.GetAwaiter().GetResult();
        var used = new HashSet<Suppression>(ReferenceEqualityComparer.Instance);
        if (suppressions.Count > 0)
        {
            for (var i = 0; i < found.Count; i++)
            {
                found[i] = found[i] with { Suppression = Match(found[i], suppressions, options.Today, used) };
            }
        }

        var findings = InReportOrder(found);

        var ranIds = new HashSet<string>(rules.Select(r => r.Metadata.Id), StringComparer.Ordinal);
        foreach (var suppression in suppressions.Where(s => !used.Contains(s) && IsUsable(s, options.Today)))
        {
            // A suppression for a control that did not run this time (filtered out) is not "unused".
            if (ranIds.Contains(suppression.ControlId))
            {
                problems.Add(new SuppressionProblem(SuppressionProblemKind.MatchedNothing, suppression.Location,
                    $"suppression of {suppression.ControlId}{Narrowing(suppression)} matches no finding: remove it{KeysHint(suppression, findings)}"));
            }
        }

        var findingsByControl = findings.ToLookup(f => f.Rule.Id, StringComparer.Ordinal);
        var controls = rules.Select(rule =>
        {
            var ofRule = findingsByControl[rule.Metadata.Id].ToList();
            var suppressed = ofRule.Count(f => f.IsSuppressed);
            var outcome = ofRule.Count > suppressed ? ControlOutcome.Fail
                : suppressed > 0 ? ControlOutcome.Suppressed
                : applicable.Contains(rule.Metadata.Id) ? ControlOutcome.Pass
                : ControlOutcome.NotApplicable;
            return new ControlResult(rule.Metadata, outcome, ofRule.Count, suppressed);
        }).ToList();

        return new EvaluationResult(findings, controls, problems.OrderBy(p => p.Location.File, StringComparer.Ordinal).ThenBy(p => p.Location.Line).ToList(), templateCount, resourceCount);
    }

    /// <summary>
    /// Findings by file, line, column, control and path; findings equal in all five keep the order they were found in
    /// (a stable sort: the report is the same from run to run and thread count to thread count).
    /// </summary>
    private static List<Finding> InReportOrder(List<Finding> found)
    {
        var order = new (Finding Finding, int Index)[found.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (found[i], i);
        }

        Array.Sort(order, static (a, b) =>
        {
            var x = a.Finding;
            var y = b.Finding;
            var by = string.CompareOrdinal(x.File, y.File);
            if (by == 0)
            {
                by = x.Location.Line.CompareTo(y.Location.Line);
            }

            if (by == 0)
            {
                by = x.Location.Column.CompareTo(y.Location.Column);
            }

            if (by == 0)
            {
                by = string.CompareOrdinal(x.Rule.Id, y.Rule.Id);
            }

            if (by == 0)
            {
                by = string.CompareOrdinal(x.Path, y.Path);
            }

            return by != 0 ? by : a.Index.CompareTo(b.Index);
        });

        var sorted = new List<Finding>(order.Length);
        foreach (var (finding, _) in order)
        {
            sorted.Add(finding);
        }

        return sorted;
    }

    /// <summary>
    /// A deployment's templates in runs of whole templates of at least <paramref name="resourcesPerBatch"/> resources
    /// (the last may have fewer), in their order.
    /// </summary>
    private static List<ArraySegment<Template>> Batches(IReadOnlyList<Template> templates, int resourcesPerBatch)
    {
        var all = templates.ToArray();
        var batches = new List<ArraySegment<Template>>();
        var start = 0;
        var resources = 0;
        for (var i = 0; i < all.Length; i++)
        {
            resources += all[i].Resources.Count;
            if (resources >= resourcesPerBatch || i == all.Length - 1)
            {
                batches.Add(new ArraySegment<Template>(all, start, i + 1 - start));
                start = i + 1;
                resources = 0;
            }
        }

        return batches;
    }

    /// <summary>
    /// One deployment's evaluation cut into pieces that can run at once: each template's resources in runs of
    /// <see cref="ResourcesPerUnit"/>, then each of its template rules. Listed in the order a single thread would take
    /// them, so the findings come out in the same order however many threads ran them.
    /// </summary>
    private static WorkUnit[] WorkUnits(TemplateContext[] contexts, Dictionary<string, IResourceRule[]> resourceRulesByType, ITemplateRule[] templateRules, string deployment)
    {
        var units = new List<WorkUnit>();
        foreach (var context in contexts)
        {
            var resources = context.Resources.ToArray();
            for (var start = 0; start < resources.Length; start += ResourcesPerUnit)
            {
                var run = new ArraySegment<ResourceContext>(resources, start, Math.Min(ResourcesPerUnit, resources.Length - start));
                units.Add(new WorkUnit(deployment, unit => EvaluateResources(run, resourceRulesByType, unit)));
            }

            // Template rules go first, a section's rules spread out: rules of one section share an index (security group
            // tiers, subnet topology) that the first of them builds, and two threads starting on the same one would wait.
            var perSection = new Dictionary<SeedSection, int>();
            foreach (var rule in templateRules)
            {
                var rank = perSection[rule.Metadata.Section] = perSection.GetValueOrDefault(rule.Metadata.Section) + 1;
                units.Add(new WorkUnit(deployment, unit => EvaluateTemplateRule(rule, context, unit)) { Rank = rank });
            }
        }

        return [.. units];
    }

    private static void EvaluateResources(ArraySegment<ResourceContext> resources, Dictionary<string, IResourceRule[]> resourceRulesByType, WorkUnit unit)
    {
        foreach (var resource in resources)
        {
            if (!resourceRulesByType.TryGetValue(resource.Type, out var forType))
            {
                continue;
            }

            foreach (var rule in forType)
            {
                Record(unit, rule, rule.Evaluate(resource));
            }
        }
    }

    private static void EvaluateDeploymentRules(IDeploymentRule[] rules, DeploymentContext deployment, WorkUnit unit)
    {
        foreach (var rule in rules)
        {
            Record(unit, rule, rule.Evaluate(deployment));
        }
    }

    private static void EvaluateTemplateRule(ITemplateRule rule, TemplateContext context, WorkUnit unit) =>
        Record(unit, rule, rule.Evaluate(context));

    /// <summary>What a rule found, in its unit: nothing when the rule did not apply (null), else the rule applied and its findings.</summary>
    private static void Record(WorkUnit unit, IRule rule, IEnumerable<Violation>? violations)
    {
        if (violations is null)
        {
            return;
        }

        unit.Applicable.Add(rule.Metadata.Id);
        foreach (var violation in violations)
        {
            unit.Found.Add(ToFinding(rule, violation, unit.Deployment));
        }
    }

    /// <summary>
    /// Runs every unit, on one thread per core when there is enough work to share. Template rules (a whole template
    /// each, the longest units) are taken first so that no core is left with one of them at the end.
    /// </summary>
    private static void RunAll(WorkUnit[] units, bool parallel)
    {
        var order = units.Select((unit, index) => (unit, index)).OrderBy(u => u.unit.Rank).Select(u => u.index).ToArray();
        var workers = parallel ? Math.Min(Environment.ProcessorCount, units.Length) : 1;
        var next = -1;
        void Work()
        {
            for (var taken = Interlocked.Increment(ref next); taken < order.Length; taken = Interlocked.Increment(ref next))
            {
                var unit = units[order[taken]];
                unit.Run(unit);
            }
        }

        if (workers == 1)
        {
            Work();
            return;
        }

        var helpers = Enumerable.Range(1, workers - 1).Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Exception? failure = null;
        try
        {
            Work();
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        try
        {
            Task.WaitAll(helpers);
        }
        catch (AggregateException aggregate)
        {
            failure ??= aggregate.InnerExceptions[0];
        }

        if (failure is not null)
        {
            // The rule's own exception, as a single thread would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private static Finding ToFinding(IRule rule, Violation violation, string deployment) => new()
    {
        Rule = rule.Metadata,
        Deployment = deployment,
        File = violation.Template.Path,
        LogicalId = violation.Resource?.LogicalId,
        ResourceType = violation.Resource?.Type,
        Path = violation.Path,
        Location = violation.Location,
        Message = violation.Message,
        Proven = violation.Proven,
        Condition = violation.Guard.IsAlways ? null : violation.Guard.Describe(),
        Key = violation.Key,
    };

    private List<Suppression> CollectSuppressions(IReadOnlyList<Deployment> deployments, EvaluationOptions options, List<SuppressionProblem> problems)
    {
        var all = new List<Suppression>(options.CentralSuppressions);
        foreach (var resource in deployments.SelectMany(d => d.Templates).SelectMany(t => t.Resources))
        {
            if (resource.Metadata is null)
            {
                continue;
            }

            var inline = InlineSuppressions.Read(resource, problems);
            if (inline.Count > 0 && !options.AllowInlineSuppressions)
            {
                foreach (var suppression in inline)
                {
                    problems.Add(new SuppressionProblem(SuppressionProblemKind.InlineForbidden, suppression.Location,
                        $"{resource.LogicalId}: inline suppression of {suppression.ControlId} is ignored: the suppressions file forbids inline suppressions"));
                }

                continue;
            }

            all.AddRange(inline);
        }

        foreach (var suppression in all)
        {
            if (string.IsNullOrWhiteSpace(suppression.Reason))
            {
                problems.Add(new SuppressionProblem(SuppressionProblemKind.MissingReason, suppression.Location,
                    $"suppression of {suppression.ControlId} has no reason: it is ignored until one is written"));
            }

            if (!_knownControlIds.Contains(suppression.ControlId))
            {
                problems.Add(new SuppressionProblem(SuppressionProblemKind.UnknownControl, suppression.Location,
                    $"suppression names unknown control '{suppression.ControlId}'; accepted: a control ID such as NET-07 (see 'rampart controls')"));
            }

            if (suppression.Expires is { } expires && expires < options.Today)
            {
                problems.Add(new SuppressionProblem(SuppressionProblemKind.Expired, suppression.Location,
                    $"suppression of {suppression.ControlId} expired on {expires:yyyy-MM-dd}: its findings are reported again"));
            }
        }

        return all;
    }

    private static bool IsUsable(Suppression suppression, DateOnly today) =>
        !string.IsNullOrWhiteSpace(suppression.Reason) && (suppression.Expires is null || suppression.Expires >= today);

    private static Suppression? Match(Finding finding, List<Suppression> suppressions, DateOnly today, HashSet<Suppression> used)
    {
        foreach (var suppression in suppressions)
        {
            if (suppression.ControlId != finding.Rule.Id
                || (suppression.LogicalId is not null && suppression.LogicalId != finding.LogicalId)
                || (suppression.FilePattern is not null && !MatchesFile(suppression, finding.File))
                || (suppression.Finding is not null && suppression.Finding != finding.Key))
            {
                continue;
            }

            if (!IsUsable(suppression, today))
            {
                used.Add(suppression); // matched, but not accepted: reported as expired / without reason
                continue;
            }

            used.Add(suppression);
            return suppression;
        }

        return null;
    }

    /// <summary>
    /// An inline suppression belongs to its own template only; a central one's pattern may match a file
    /// anywhere below (so <c>edge/*.yaml</c> matches <c>infra/edge/web.yaml</c>).
    /// </summary>
    private static bool MatchesFile(Suppression suppression, string file) =>
        suppression.Source == SuppressionSource.Inline
            ? string.Equals(suppression.FilePattern, file, StringComparison.Ordinal)
            : PathPattern.Matches(suppression.FilePattern!, file);

    /// <summary>
    /// For a suppression narrowed by <c>finding</c> that matched nothing: the keys the control's findings on that
    /// resource do have, since a misremembered key ("22" for "port 22") is the usual cause.
    /// </summary>
    private static string KeysHint(Suppression suppression, List<Finding> findings)
    {
        if (suppression.Finding is null)
        {
            return string.Empty;
        }

        var keys = findings
            .Where(f => f.Rule.Id == suppression.ControlId && f.Key is not null
                && (suppression.LogicalId is null || suppression.LogicalId == f.LogicalId)
                && (suppression.FilePattern is null || MatchesFile(suppression, f.File)))
            .Select(f => $"'{f.Key}'")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return keys.Count == 0 ? string.Empty : $" (the findings it could narrow to: {string.Join(", ", keys)})";
    }

    private static string Narrowing(Suppression suppression) =>
        (suppression.LogicalId is null ? string.Empty : $" on {suppression.LogicalId}") + (suppression.Finding is null ? string.Empty : $" (finding '{suppression.Finding}')");
}

/// <summary>A piece of one deployment's evaluation and what it found.</summary>
internal sealed class WorkUnit(string deployment, Action<WorkUnit> run)
{
    public string Deployment { get; } = deployment;

    public Action<WorkUnit> Run { get; } = run;

    /// <summary>When the unit is taken: lower first, then in order. Runs of resources, the short units, come last.</summary>
    public int Rank { get; init; } = int.MaxValue;

    /// <summary>The unit's findings, made on the unit's thread (a finding's texts are composed there, not after).</summary>
    public List<Finding> Found { get; } = [];

    public HashSet<string> Applicable { get; } = new(StringComparer.Ordinal);
}
