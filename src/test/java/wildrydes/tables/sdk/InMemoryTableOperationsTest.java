package wildrydes.tables.sdk;

class InMemoryTableOperationsTest extends TableOperationsContract {
    @Override
    TablesServer start() {
        return new TablesServer(null);
    }
}
