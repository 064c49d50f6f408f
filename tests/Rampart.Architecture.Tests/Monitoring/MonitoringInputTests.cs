using Amazon.CDK;
using Rampart.Architecture.Monitoring;

namespace Rampart.Architecture.Tests.Monitoring;

/// <summary>Bad input is refused with one line naming the setting, the value and what is accepted.</summary>
/// <remarks>In the default collection because jsii serves one thread at a time; the fixture also silences its banner.</remarks>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class MonitoringInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void MON_06_a_severity_threshold_outside_1_to_100_is_refused(int threshold)
    {
        var error = Assert.Throws<ArgumentException>(() => FindingPatterns.Validate(threshold));

        Assert.StartsWith($"Monitoring.AlertSeverityThreshold: {threshold} is not accepted; use a normalized severity from 1 to 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phase_outside_1_to_3_is_refused_before_anything_is_built()
    {
        var stack = new Stack(new Amazon.CDK.App(), "Test", new StackProps { Env = new Amazon.CDK.Environment { Account = "111111111111", Region = "eu-west-1" } });

        var error = Assert.Throws<ArgumentException>(() => new SecurityMonitoring(stack, "SecurityMonitoring", new SecurityMonitoringProps
        {
            Application = "webapp",
            Environment = "dev",
            Phase = 4,
            AlertEmail = "security@example.com",
            IsProduction = false,
            RecordGlobalResources = true,
        }));

        Assert.StartsWith("Phase: 4 is not accepted; use 1, 2 or 3.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MON_06_an_alert_address_that_is_not_an_email_is_refused()
    {
        var stack = new Stack(new Amazon.CDK.App(), "Test", new StackProps { Env = new Amazon.CDK.Environment { Account = "111111111111", Region = "eu-west-1" } });

        var error = Assert.Throws<ArgumentException>(() => new SecurityAlerting(stack, "Alerting", new SecurityAlertingProps
        {
            Application = "webapp",
            Environment = "dev",
            AlertEmail = "security-team",
            SeverityThreshold = 70,
        }));

        Assert.StartsWith("AlertEmail: 'security-team' is not accepted; give one e-mail address.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MON_02_an_audit_retention_outside_1_to_36500_days_is_refused()
    {
        var stack = new Stack(new Amazon.CDK.App(), "Test", new StackProps { Env = new Amazon.CDK.Environment { Account = "111111111111", Region = "eu-west-1" } });

        var error = Assert.Throws<ArgumentException>(() => new AuditLogArchive(stack, "Archive", new AuditLogArchiveProps
        {
            Application = "webapp",
            KeyEnvironment = "dev",
            Trails = [new TrailReference("111111111111", "eu-west-1", "webapp-dev-audit-trail")],
            RetentionDays = 0,
        }));

        Assert.StartsWith("AuditLogArchiveProps.RetentionDays: 0 is not accepted; use 1 to 36500 days.", error.Message, StringComparison.Ordinal);
    }
}
