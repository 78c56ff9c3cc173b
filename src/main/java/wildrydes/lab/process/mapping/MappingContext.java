package wildrydes.lab.process.mapping;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import wildrydes.lab.process.FunctionEvent;
import wildrydes.lab.process.LambdaFunction;

/** What every shard's mapping shares: the settings, the function, where failures go, the durable state. */
record MappingContext(MappingSettings settings, LambdaFunction function, FunctionEvent.Source source, String functionArn,
                      FailureDestination destination, MappingState state, MappingListener listener, BooleanSupplier stopped,
                      Clock clock) {
}
