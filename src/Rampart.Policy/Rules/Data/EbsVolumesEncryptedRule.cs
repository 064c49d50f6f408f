using System.Runtime.CompilerServices;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-04: EBS volumes are encrypted: <c>AWS::EC2::Volume</c> <c>Encrypted: true</c>, and every EBS block device of
/// an <c>AWS::EC2::Instance</c>, <c>AWS::EC2::LaunchTemplate</c> or <c>AWS::AutoScaling::LaunchConfiguration</c>
/// with <c>Ebs.Encrypted: true</c>.
/// </summary>
/// <remarks>
/// EBS encryption by default (FSBP EC2.7) is an account and Region setting, not a resource: a template can only show
/// it by turning it on itself, which in the CDK is a custom resource calling <c>EC2:enableEbsEncryptionByDefault</c>.
/// When the same template does that, volumes that leave <c>Encrypted</c> unset are encrypted and pass; otherwise an
/// unset <c>Encrypted</c> fails (it is encrypted only if someone turned the account default on). An explicit
/// <c>false</c> always fails. A volume from a snapshot, or an instance with no block device mappings (its root volume
/// comes from the AMI), takes the snapshot's encryption: not proven.
/// </remarks>
public sealed class EbsVolumesEncryptedRule : IResourceRule
{
    public const string VolumeType = "AWS::EC2::Volume";
    public const string InstanceType = "AWS::EC2::Instance";
    public const string LaunchTemplateType = "AWS::EC2::LaunchTemplate";
    public const string LaunchConfigurationType = "AWS::AutoScaling::LaunchConfiguration";

    /// <summary>Whether a template turns on EBS encryption by default, read once per template (every volume asks).</summary>
    private static readonly TemplateIndex<StrongBox<bool>> EncryptionByDefault = new(static t => new StrongBox<bool>(FindEncryptionByDefault(t)));

    public RuleMetadata Metadata { get; } = new(
        "DATA-04",
        "EBS volumes are encrypted",
        Severity.Medium,
        SeedSection.Data,
        [FrameworkReference.Fsbp("EC2.3"), FrameworkReference.Fsbp("EC2.7"), FrameworkReference.Config("encrypted-volumes"), FrameworkReference.Config("ec2-ebs-encryption-by-default")],
        new Remediation(
            CloudFormation: "Set Encrypted: true (and KmsKeyId: !GetAtt EbsKey.Arn) on every AWS::EC2::Volume and on every BlockDeviceMappings[].Ebs of instances, launch templates and launch configurations; turn on EBS encryption by default for the account and Region.",
            Cdk: "Use BlockDeviceVolume.ebs(size, new EbsDeviceOptions { Encrypted = true, KmsKey = keys.For(KeyService.Ebs) }) and new Volume(..., new VolumeProps { Encrypted = true }); turn on the account default with an AwsCustomResource calling EC2 enableEbsEncryptionByDefault."))
    {
        SeedText = "Encryption at Rest: EBS Volumes: Default encryption enabled.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [VolumeType, InstanceType, LaunchTemplateType, LaunchConfigurationType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        var byDefault = EncryptionByDefaultIsTurnedOn(resource.Template);
        if (resource.Type == VolumeType)
        {
            var fromSnapshot = resource.Get("SnapshotId").Any(s => !s.IsAbsent);
            return resource.Get("Encrypted").SelectMany(encrypted => Judge(resource, encrypted, "volume", byDefault, fromSnapshot));
        }

        var mappingsPath = resource.Type == LaunchTemplateType ? "LaunchTemplateData.BlockDeviceMappings" : "BlockDeviceMappings";
        return resource.Get(mappingsPath).SelectMany(mappings => JudgeMappings(resource, mappings, byDefault));
    }

    private static IEnumerable<Violation> JudgeMappings(ResourceContext resource, Resolved mappings, bool byDefault)
    {
        if (mappings.IsAbsent)
        {
            if (!byDefault)
            {
                yield return resource.Unprovable(mappings, "root volume is not described (no BlockDeviceMappings): its encryption follows the AMI's snapshot and the account default; state Ebs.Encrypted: true", "root");
            }

            yield break;
        }

        foreach (var mapping in resource.Get(mappings, "[*]"))
        {
            var ebs = resource.Get(mapping, "Ebs").ToList();
            if (ebs.All(e => e.IsAbsent))
            {
                continue; // instance store or NoDevice
            }

            var device = resource.Get(mapping, "DeviceName").Select(d => d.AsString()).FirstOrDefault() ?? "?";
            var fromSnapshot = resource.Get(mapping, "Ebs.SnapshotId").Any(s => !s.IsAbsent);
            foreach (var encrypted in resource.Get(mapping, "Ebs.Encrypted"))
            {
                foreach (var violation in Judge(resource, encrypted, $"EBS volume {device}", byDefault, fromSnapshot))
                {
                    yield return violation with { Key = device };
                }
            }
        }
    }

    private static IEnumerable<Violation> Judge(ResourceContext resource, Resolved encrypted, string subject, bool byDefault, bool fromSnapshot)
    {
        switch (encrypted.AsBoolean())
        {
            case true:
                yield break;
            case false:
                yield return resource.Fail(encrypted, $"{subject} is not encrypted (Encrypted is false)");
                break;
            case null when encrypted.IsAbsent && byDefault:
                yield break;
            case null when encrypted.IsAbsent && fromSnapshot:
                yield return resource.Unprovable(encrypted, $"{subject} is created from a snapshot without Encrypted: its encryption is the snapshot's, which the template does not show");
                break;
            case null when encrypted.IsAbsent:
                yield return resource.Fail(encrypted, $"{subject} does not set Encrypted: it is encrypted only if the account's EBS encryption by default is on, which this template does not turn on");
                break;
            default:
                yield return resource.Fail(encrypted, $"{subject} has Encrypted {encrypted.Describe()}: it must be true");
                break;
        }
    }

    /// <summary>
    /// True when a custom resource of the template calls <c>EnableEbsEncryptionByDefault</c> (the CDK's
    /// <c>AwsCustomResource</c> writes the call into its <c>Create</c>/<c>Update</c> properties as JSON text).
    /// </summary>
    public static bool EncryptionByDefaultIsTurnedOn(TemplateContext template) =>
        EncryptionByDefault.Of(template).Value;

    private static bool FindEncryptionByDefault(TemplateContext template) =>
        template.Resources
            .Where(r => r.Type.StartsWith("Custom::", StringComparison.Ordinal) || r.Type == "AWS::CloudFormation::CustomResource")
            .Any(custom => custom.Get("Create").Concat(custom.Get("Update"))
                .Any(call => (call.Text ?? call.PartialText)?.Contains("enableEbsEncryptionByDefault", StringComparison.OrdinalIgnoreCase) == true));
}
