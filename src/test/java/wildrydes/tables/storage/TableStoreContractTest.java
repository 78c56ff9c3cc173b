package wildrydes.tables.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every table store does, in memory or on disk. */
abstract class TableStoreContractTest {
    TableStore store;

    abstract TableStore open();

    /** Closes and opens the store again: a durable store keeps everything, a memory store nothing. */
    abstract TableStore reopen(TableStore closed);

    abstract boolean durable();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void setUp() {
        store = open();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void batchesAreVisibleAtOnceAndDurableWhenTheirFutureCompletes() throws Exception {
        store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> done = store.apply(List.of(new Mutation.Put("t", b("a"), b("1")), new Mutation.Put("t", b("b"), b("2"))));
        assertThat(s(store.keyspace("t").get(b("a")))).isEqualTo("1");
        done.get(10, TimeUnit.SECONDS);
        store.durable().get(10, TimeUnit.SECONDS);
        assertThat(store.keyspace("t").count()).isEqualTo(2);
        assertThat(store.keyspace("t").bytes()).isEqualTo(4);
    }

    @Test
    void entriesAreOrderedByUnsignedBytes() throws Exception {
        store.apply(List.of(new Mutation.PutKeyspace("t", b("")))).get();
        store.apply(List.of(new Mutation.Put("t", new byte[] {(byte) 0xFF}, b("high")), new Mutation.Put("t", new byte[] {0x01}, b("low")),
                new Mutation.Put("t", new byte[] {0x7F, 0x00}, b("middle")))).get();
        List<String> values = new ArrayList<>();
        store.keyspace("t").entries().values().forEach(v -> values.add(s(v)));
        assertThat(values).containsExactly("low", "middle", "high");
    }

    @Test
    void deletesAndOverwritesKeepCountAndBytesRight() throws Exception {
        store.apply(List.of(new Mutation.PutKeyspace("t", b("")), new Mutation.Put("t", b("k"), b("12345")))).get();
        store.apply(List.of(new Mutation.Put("t", b("k"), b("1")))).get();
        assertThat(store.keyspace("t").bytes()).isEqualTo(2);
        store.apply(List.of(new Mutation.Delete("t", b("k")), new Mutation.Delete("t", b("missing")))).get();
        assertThat(store.keyspace("t").count()).isZero();
        assertThat(store.keyspace("t").bytes()).isZero();
    }

    @Test
    void metadataCanBeReplacedWithoutLosingEntriesAndDroppingRemovesEverything() throws Exception {
        store.apply(List.of(new Mutation.PutKeyspace("t", b("v1")), new Mutation.Put("t", b("k"), b("v")))).get();
        store.apply(List.of(new Mutation.PutKeyspace("t", b("v2")))).get();
        assertThat(s(store.keyspace("t").metadata())).isEqualTo("v2");
        assertThat(store.keyspace("t").count()).isEqualTo(1);
        store.apply(List.of(new Mutation.DropKeyspace("t"))).get();
        assertThat(store.keyspace("t")).isNull();
        store.apply(List.of(new Mutation.PutKeyspace("t", b("again")))).get();
        assertThat(store.keyspace("t").count()).isZero();
    }

    @Test
    void writesToAKeyspaceThatDoesNotExistAreIgnored() throws Exception {
        store.apply(List.of(new Mutation.Put("nowhere", b("k"), b("v")))).get();
        assertThat(store.keyspace("nowhere")).isNull();
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        store.apply(List.of(new Mutation.PutKeyspace("t", b("")))).get();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            all.add(CompletableFuture.supplyAsync(() -> {
                List<CompletableFuture<Void>> mine = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    mine.add(store.apply(List.of(new Mutation.Put("t", b(writer + "-" + i), b("x")))));
                }
                return CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new));
            }, pool).thenCompose(f -> f));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(store.keyspace("t").count()).isEqualTo(1600);
    }

    @Test
    void reopeningKeepsEverythingWhenDurable() throws Exception {
        store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")), new Mutation.Put("t", b("a"), b("1")))).get();
        store.apply(List.of(new Mutation.Put("t", b("b"), b("2")), new Mutation.Delete("t", b("a")))).get();
        store = reopen(store);
        if (durable()) {
            assertThat(s(store.keyspace("t").metadata())).isEqualTo("meta");
            assertThat(s(store.keyspace("t").get(b("b")))).isEqualTo("2");
            assertThat(store.keyspace("t").get(b("a"))).isNull();
        } else {
            assertThat(store.keyspaces()).isEmpty();
        }
    }

    @Test
    void aClosedStoreRefusesWrites() {
        store.close();
        assertThatThrownBy(() -> store.apply(List.of(new Mutation.PutKeyspace("t", b(""))))).isInstanceOf(StoreException.class);
    }
}
