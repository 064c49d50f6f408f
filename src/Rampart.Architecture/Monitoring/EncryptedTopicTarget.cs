using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.SNS;
using Amazon.JSII.Runtime.Deputy;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// An EventBridge target that publishes to an SNS topic without touching the topic's policy. The CDK's own
/// <c>SnsTopic</c> target grants <c>events.amazonaws.com</c> publish with no condition; the alert topic's
/// policy admits EventBridge rules of this account only, so that grant is left out.
/// </summary>
internal sealed class EncryptedTopicTarget : DeputyBase, IRuleTarget
{
    private readonly ITopic _topic;
    private readonly RuleTargetInput _message;

    public EncryptedTopicTarget(ITopic topic, RuleTargetInput message)
    {
        _topic = topic;
        _message = message;
    }

    public IRuleTargetConfig Bind(IRule rule, string? id = null) => new RuleTargetConfig
    {
        Arn = _topic.TopicArn,
        Input = _message,
    };
}
