namespace Rampart.Cli.Tests.Support;

/// <summary>Template texts for the CLI tests; the line numbers in the comments are asserted.</summary>
public static class Templates
{
    /// <summary>NET-07 (high): SSH from anywhere; the CidrIp is on line 10, column 19.</summary>
    public const string PublicSsh =
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          AdminSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin access
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  CidrIp: 0.0.0.0/0
                  ToPort: 22

        """;

    /// <summary>Passes NET-07: HTTPS from inside the VPC only.</summary>
    public const string PrivateHttps =
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          AppSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: app
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
                  CidrIp: 10.0.0.0/16

        """;

    /// <summary>MON-04 (medium) only: Security Hub with FSBP but not CIS, next to a workload.</summary>
    public const string SecurityHubWithoutCis =
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Service:
            Type: AWS::ECS::Service
            Properties:
              Cluster: main
          Hub:
            Type: AWS::SecurityHub::Hub
            Properties:
              EnableDefaultStandards: false
          Fsbp:
            Type: AWS::SecurityHub::Standard
            Properties:
              StandardsArn: arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0

        """;

    /// <summary>YAML that does not parse: the flow sequence on line 4 is never closed.</summary>
    public const string BrokenYaml =
        """
        Resources:
          Topic:
            Type: AWS::SNS::Topic
            Properties: [unclosed

        """;

    /// <summary>JSON that does not parse: a missing comma on line 3.</summary>
    public const string BrokenJson =
        """
        {
          "AWSTemplateFormatVersion": "2010-09-09"
          "Resources": {}
        }

        """;

    /// <summary>A Kubernetes manifest: YAML, not a template.</summary>
    public const string KubernetesDeployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web

        """;
}
