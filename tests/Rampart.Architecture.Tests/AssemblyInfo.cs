// jsii, the CDK's bridge to Node.js, is not thread-safe: syntheses must not run in parallel collections.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
