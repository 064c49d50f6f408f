namespace Rampart.Architecture.Monitoring;

/// <summary>
/// The Step Functions definition of the automated response (MON-08), in JSONata so that it needs no code of
/// its own: every action is an AWS SDK integration that the state machine's role allows and nothing more.
/// <list type="bullet">
/// <item>a GuardDuty finding on a task of the application's ECS cluster (runtime monitoring): stop the task, its
/// service replaces it from the image (a task of another cluster is left to a manual response: the role may stop
/// only the application's tasks);</item>
/// <item>a Security Hub finding that a security group is open to the internet (EC2.13/14/18/19/53/54): revoke
/// every ingress rule open to 0.0.0.0/0 or ::/0 except 80/443 (NET-07's load-balancer exception);</item>
/// <item>anything else: ask for a manual response.</item>
/// </list>
/// Each run records the time to detect (first observed to the run's start) and, after an automated action,
/// the time to respond (first observed to the action done): the seed's MTTD and MTTR.
/// </summary>
internal static class ResponseWorkflow
{
    /// <summary>Placeholders substituted by CloudFormation (<c>DefinitionSubstitutions</c>).</summary>
    public const string PartitionPlaceholder = "Partition";

    public const string TopicPlaceholder = "AlertTopicArn";

    /// <summary>The application cluster's ARN, or <see cref="NoCluster"/>: only its tasks are stopped.</summary>
    public const string ClusterPlaceholder = "ApplicationClusterArn";

    /// <summary>Substituted for <see cref="ClusterPlaceholder"/> when there is no cluster: matches no finding.</summary>
    public const string NoCluster = "none";

    public const string NamespacePlaceholder = "KpiNamespace";

    /// <summary>The KPI metric names this workflow publishes.</summary>
    public const string TimeToDetectMetric = "TimeToDetectMinutes";

    public const string TimeToRespondMetric = "TimeToRespondMinutes";

    public static string Definition { get; } = """
        {
          "Comment": "Rampart MON-08: respond to a high-severity GuardDuty or Security Hub finding, record MTTD and MTTR, notify",
          "QueryLanguage": "JSONata",
          "StartAt": "Classify",
          "States": {
            "Classify": {
              "Type": "Pass",
              "Assign": {
                "finding": "{% $states.input %}",
                "firstSeen": "{% $states.input.source = 'aws.guardduty' ? $states.input.detail.service.eventFirstSeen : ($exists($states.input.detail.findings[0].FirstObservedAt) ? $states.input.detail.findings[0].FirstObservedAt : $states.input.detail.findings[0].CreatedAt) %}",
                "summary": "{% $states.input.source = 'aws.guardduty' ? ('GuardDuty ' & $states.input.detail.type & ': ' & $states.input.detail.title & ' (finding ' & $states.input.detail.id & ')') : ('Security Hub ' & $states.input.detail.findings[0].ProductName & ': ' & $states.input.detail.findings[0].Title & ' (resource ' & $states.input.detail.findings[0].Resources[0].Id & ')') %}"
              },
              "Next": "RecordTimeToDetect"
            },
            "RecordTimeToDetect": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::aws-sdk:cloudwatch:putMetricData",
              "Arguments": {
                "Namespace": "${KpiNamespace}",
                "MetricData": [
                  {
                    "MetricName": "TimeToDetectMinutes",
                    "Unit": "None",
                    "Value": "{% ($toMillis($states.context.Execution.StartTime) - $toMillis($firstSeen)) / 60000 %}"
                  }
                ]
              },
              "Next": "ChooseResponse"
            },
            "ChooseResponse": {
              "Type": "Choice",
              "Choices": [
                {
                  "Condition": "{% $finding.source = 'aws.guardduty' and $exists($finding.detail.resource.ecsClusterDetails.taskDetails.arn) and $finding.detail.resource.ecsClusterDetails.arn = '${ApplicationClusterArn}' %}",
                  "Next": "StopCompromisedTask"
                },
                {
                  "Condition": "{% $finding.source = 'aws.securityhub' and $finding.detail.findings[0].Resources[0].Type = 'AwsEc2SecurityGroup' and $finding.detail.findings[0].Compliance.SecurityControlId in ['EC2.13', 'EC2.14', 'EC2.18', 'EC2.19', 'EC2.53', 'EC2.54'] %}",
                  "Next": "FindOpenIngressRules"
                }
              ],
              "Default": "NotifyManualResponse"
            },
            "StopCompromisedTask": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::aws-sdk:ecs:stopTask",
              "Arguments": {
                "Cluster": "{% $finding.detail.resource.ecsClusterDetails.arn %}",
                "Task": "{% $finding.detail.resource.ecsClusterDetails.taskDetails.arn %}",
                "Reason": "{% 'Rampart automated response to GuardDuty finding ' & $finding.detail.id %}"
              },
              "Assign": {
                "action": "{% 'Stopped ECS task ' & $finding.detail.resource.ecsClusterDetails.taskDetails.arn & '; its service replaces it from the image.' %}"
              },
              "Catch": [
                {
                  "ErrorEquals": ["States.ALL"],
                  "Assign": { "failure": "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}" },
                  "Next": "NotifyResponseFailed"
                }
              ],
              "Next": "RecordTimeToRespond"
            },
            "FindOpenIngressRules": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::aws-sdk:ec2:describeSecurityGroupRules",
              "Arguments": {
                "Filters": [
                  {
                    "Name": "group-id",
                    "Values": ["{% $substringAfter($finding.detail.findings[0].Resources[0].Id, 'security-group/') %}"]
                  }
                ]
              },
              "Assign": {
                "groupId": "{% $substringAfter($finding.detail.findings[0].Resources[0].Id, 'security-group/') %}",
                "openRuleIds": "{% [$states.result.SecurityGroupRules[IsEgress = false and (CidrIpv4 = '0.0.0.0/0' or CidrIpv6 = '::/0') and $not(FromPort = ToPort and FromPort in [80, 443])].SecurityGroupRuleId] %}"
              },
              "Catch": [
                {
                  "ErrorEquals": ["States.ALL"],
                  "Assign": { "failure": "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}" },
                  "Next": "NotifyResponseFailed"
                }
              ],
              "Next": "AnyOpenIngress"
            },
            "AnyOpenIngress": {
              "Type": "Choice",
              "Choices": [
                {
                  "Condition": "{% $count($openRuleIds) > 0 %}",
                  "Next": "RevokeOpenIngress"
                }
              ],
              "Default": "NotifyManualResponse"
            },
            "RevokeOpenIngress": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::aws-sdk:ec2:revokeSecurityGroupIngress",
              "Arguments": {
                "GroupId": "{% $groupId %}",
                "SecurityGroupRuleIds": "{% $openRuleIds %}"
              },
              "Assign": {
                "action": "{% 'Revoked ingress rules ' & $join($openRuleIds, ', ') & ' open to the internet on ' & $groupId & '.' %}"
              },
              "Catch": [
                {
                  "ErrorEquals": ["States.ALL"],
                  "Assign": { "failure": "{% $states.errorOutput.Error & ': ' & $states.errorOutput.Cause %}" },
                  "Next": "NotifyResponseFailed"
                }
              ],
              "Next": "RecordTimeToRespond"
            },
            "RecordTimeToRespond": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::aws-sdk:cloudwatch:putMetricData",
              "Arguments": {
                "Namespace": "${KpiNamespace}",
                "MetricData": [
                  {
                    "MetricName": "TimeToRespondMinutes",
                    "Unit": "None",
                    "Value": "{% ($millis() - $toMillis($firstSeen)) / 60000 %}"
                  }
                ]
              },
              "Next": "NotifyResponseTaken"
            },
            "NotifyResponseTaken": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::sns:publish",
              "Arguments": {
                "TopicArn": "${AlertTopicArn}",
                "Subject": "Automated security response taken",
                "Message": "{% $action & ' Finding: ' & $summary & '. Execution: ' & $states.context.Execution.Id %}"
              },
              "End": true
            },
            "NotifyManualResponse": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::sns:publish",
              "Arguments": {
                "TopicArn": "${AlertTopicArn}",
                "Subject": "Security finding needs a manual response",
                "Message": "{% 'No automated response applies; follow the incident response procedure. Finding: ' & $summary & '. Execution: ' & $states.context.Execution.Id %}"
              },
              "End": true
            },
            "NotifyResponseFailed": {
              "Type": "Task",
              "Resource": "arn:${Partition}:states:::sns:publish",
              "Arguments": {
                "TopicArn": "${AlertTopicArn}",
                "Subject": "Automated security response failed",
                "Message": "{% 'The automated response failed (' & $failure & '); respond by hand. Finding: ' & $summary & '. Execution: ' & $states.context.Execution.Id %}"
              },
              "End": true
            }
          }
        }
        """;
}
