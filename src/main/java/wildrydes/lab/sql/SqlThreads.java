package wildrydes.lab.sql;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads to call the SQL engine on. DuckDB parses, plans and runs part of each query on the
 * calling thread's native stack, recursively: a deep but valid query (a few hundred nested
 * subqueries, a sum of a thousand terms) or deeply nested JSON overflows a small stack, and an
 * overflow in native code kills the JVM (SIGSEGV), it is not a StackOverflowError. The launcher
 * gives Java threads 512 KiB (-Xss512k, for the server's many threads), and virtual threads run
 * native code on their carrier's stack; so engine calls go through a platform thread with
 * {@value #STACK_BYTES} bytes of stack (reserved, committed only as used).
 */
public final class SqlThreads {
    public static final long STACK_BYTES = 64L * 1024 * 1024;

    private SqlThreads() {
    }

    /** Platform threads with a stack large enough for the engine, named {@code prefix-N}. */
    public static ThreadFactory factory(String prefix) {
        return Thread.ofPlatform().name(prefix + "-", 1).daemon().stackSize(STACK_BYTES).factory();
    }

    /** Runs {@code work} on a new platform thread with a large stack and returns its result (or throws what it threw). */
    public static <T> T call(String name, Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name(name).stackSize(STACK_BYTES).start(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join();
        Throwable thrown = failure.get();
        if (thrown instanceof Exception e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
