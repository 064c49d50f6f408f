using Amazon.CDK.AWS.S3;
using Rampart.Architecture.Monitoring;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    /// <summary>The monitoring layer (seed: Security Monitoring and Compliance).</summary>
    public SecurityMonitoring SecurityMonitoring { get; private set; } = null!;

    private void BuildMonitoring()
    {
        SecurityMonitoring = new SecurityMonitoring(this, "SecurityMonitoring", new SecurityMonitoringProps
        {
            Application = Configuration.Application,
            Environment = Target.Name,
            Phase = Configuration.Phase,
            AlertEmail = Configuration.AlertEmail,
            IsProduction = Target.IsProduction,
            RecordGlobalResources = RecordsGlobalResources(),
            AlertSeverityThreshold = Configuration.Monitoring.AlertSeverityThreshold,
            PciDss = Configuration.Monitoring.PciDss,
            AuditArchive = AuditArchiveLocation.From(Configuration),
            SensitiveBuckets = SensitiveBuckets(),
            Keys = Keys,
            AccessLogsBucket = AccessLogsBucket,
            ApplicationCluster = Application?.Cluster,
        });
    }

    // Global resources (IAM) are recorded by the first environment of each account only.
    private bool RecordsGlobalResources() =>
        Configuration.Environments.First(e => e.Account == Target.Account).Name == Target.Name;

    // Monitoring is built last, so every bucket the other sections made (application data, load balancer
    // and CloudFront logs) already exists: CloudTrail records object-level events on all of them. Except the
    // access-log bucket: the audit bucket logs its access there, so recording those writes would feed the
    // trail's own deliveries back into it without end.
    private IReadOnlyList<IBucket> SensitiveBuckets() =>
        Node.FindAll().OfType<Bucket>().Where(bucket => bucket.Node.Path != AccessLogsBucket.Node.Path).ToList();
}
