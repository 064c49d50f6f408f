// jsii, the CDK's bridge to Node.js, is not thread-safe: syntheses must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
