package wildrydes.lab.process;

/**
 * A function the event source mapping invokes synchronously, one batch at a time per shard:
 * the built-in table writer, or a user's function behind the Lambda Runtime API. Calls for
 * different shards may overlap; an implementation that can run one invocation at a time (a
 * single runtime process) queues them, as a Lambda function with reserved concurrency 1 would.
 */
public interface LambdaFunction extends AutoCloseable {

    /** The function's name, as in its ARN and in AWS_LAMBDA_FUNCTION_NAME. */
    String name();

    /** Runs the function on one event; never throws for what the function did (that is an error result). */
    InvocationResult invoke(FunctionEvent event) throws InterruptedException;

    @Override
    default void close() {
    }
}
