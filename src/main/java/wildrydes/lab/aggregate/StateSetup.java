package wildrydes.lab.aggregate;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import wildrydes.lab.common.LabException;

/**
 * Opens an aggregation's state at start: a new one (its start position fixed, so a restart
 * starts unread shards alike), or the saved one, checked against the options (a window length
 * or time mode other than the state's would split windows already emitted) and against the
 * streams (a stream created again is another stream: its old positions mean nothing), with the
 * rows a crashed run recorded but may not have put put first.
 */
final class StateSetup {
    /** Puts the pending rows of a state that are not on the destination; returns where they went. */
    interface Recovery {
        Map<String, String> put(AggregateState withPending);
    }

    private final AggregateSettings settings;
    private final StateStore store;
    private final Consumer<String> notices;

    StateSetup(AggregateSettings settings, StateStore store, Consumer<String> notices) {
        this.settings = settings;
        this.store = store;
        this.notices = notices;
    }

    AggregateState open(StreamIdentity source, StreamIdentity destination, Recovery recovery) throws IOException {
        AggregateState state = store.load();
        if (state == null) {
            return fresh(source, destination);
        }
        if (state.windowMillis() != settings.windowMillis() || !state.time().equals(settings.time().describe())) {
            throw new LabException("the state in " + store.directory() + " was made with -window "
                    + describe(Duration.ofMillis(state.windowMillis())) + " -time " + state.time()
                    + ": run with those, or pass another -state DIR (or delete that one to start over)");
        }
        if (!state.destination().sameStream(destination)) {
            notices.accept("stream " + destination.name() + " is not the destination the state in " + store.directory()
                    + " wrote to (created again, or another server): writing to it from here on");
            state = state.withDestination(destination, Map.of());
        }
        if (state.pending() != null) {
            state = state.withPendingPut(recovery.put(state));
            store.save(state);
        }
        if (!state.source().sameStream(source)) {
            var aside = store.setAside("old-" + state.source().createdMillis());
            notices.accept("stream " + source.name() + " is not the source the state was made from (created again, or another "
                    + "server): starting over; the old state is kept as " + aside);
            return fresh(source, destination);
        }
        notices.accept("resuming the aggregation in " + store.directory() + ": " + StatusLine.count(state.windowsEmitted())
                + " windows (" + StatusLine.rows(state.rowsEmitted()) + ") emitted so far; the open windows' records are "
                + "read again (-from applies to a new state only)");
        return state;
    }

    private AggregateState fresh(StreamIdentity source, StreamIdentity destination) throws IOException {
        AggregateState state = AggregateState.fresh(source, destination, settings.windowMillis(), settings.time().describe(),
                Aggregator.resolve(settings.from()));
        store.save(state);
        notices.accept("aggregating " + source.name() + " into " + destination.name() + " in windows of "
                + describe(settings.window()) + " on " + (settings.time().arrival() ? "arrival time" : "event time (" + settings.time().field() + ")")
                + ", from " + state.start().describe() + "; state in " + store.directory());
        return state;
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
