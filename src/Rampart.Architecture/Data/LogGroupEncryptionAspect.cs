using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace Rampart.Architecture.Data;

/// <summary>
/// Makes every log group in its scope KMS-encrypted and time-limited (DATA-07): a log group created
/// without a key gets the logs key, one without retention gets the default retention. Groups that
/// already set either keep their own value. Add it once to a stack:
/// <c>Aspects.Of(stack).Add(new LogGroupEncryptionAspect(key, RetentionDays.ONE_YEAR))</c>.
/// </summary>
public sealed class LogGroupEncryptionAspect : DeputyBase, IAspect
{
    private readonly IKey _key;
    private readonly RetentionDays _retention;

    public LogGroupEncryptionAspect(IKey key, RetentionDays retention)
    {
        if (retention == RetentionDays.INFINITE)
        {
            throw new ArgumentException("LogGroupEncryptionAspect retention is INFINITE: DATA-07 needs a finite retention period.");
        }

        _key = key;
        _retention = retention;
    }

    /// <summary>Fills in the key and the retention of a CloudFormation log group that lacks them.</summary>
    public void Visit(IConstruct node)
    {
        if (node is not CfnLogGroup logGroup)
        {
            return;
        }

        logGroup.KmsKeyId ??= _key.KeyArn;
        logGroup.RetentionInDays ??= RetentionInDays(_retention);
    }

    /// <summary>The number of days CloudFormation expects for a retention (jsii enums carry ordinals, not days).</summary>
    public static int RetentionInDays(RetentionDays retention) => retention switch
    {
        RetentionDays.ONE_DAY => 1,
        RetentionDays.THREE_DAYS => 3,
        RetentionDays.FIVE_DAYS => 5,
        RetentionDays.ONE_WEEK => 7,
        RetentionDays.TWO_WEEKS => 14,
        RetentionDays.ONE_MONTH => 30,
        RetentionDays.TWO_MONTHS => 60,
        RetentionDays.THREE_MONTHS => 90,
        RetentionDays.FOUR_MONTHS => 120,
        RetentionDays.FIVE_MONTHS => 150,
        RetentionDays.SIX_MONTHS => 180,
        RetentionDays.ONE_YEAR => 365,
        RetentionDays.THIRTEEN_MONTHS => 400,
        RetentionDays.EIGHTEEN_MONTHS => 545,
        RetentionDays.TWO_YEARS => 731,
        RetentionDays.THREE_YEARS => 1096,
        RetentionDays.FIVE_YEARS => 1827,
        RetentionDays.SIX_YEARS => 2192,
        RetentionDays.SEVEN_YEARS => 2557,
        RetentionDays.EIGHT_YEARS => 2922,
        RetentionDays.NINE_YEARS => 3288,
        RetentionDays.TEN_YEARS => 3653,
        _ => throw new ArgumentOutOfRangeException(nameof(retention), retention, "not a finite retention"),
    };
}
