package wildrydes.tables.sdk;

class InMemoryBatchesAndTransactionsTest extends BatchesAndTransactionsContract {
    @Override
    TablesServer start() {
        return new TablesServer(null);
    }
}
