package wildrydes.tables.sdk;

class InMemoryItemOperationsTest extends ItemOperationsContract {
    @Override
    TablesServer start() {
        return new TablesServer(null);
    }
}
