package wildrydes.tables.sdk;

class InMemoryQueryAndScanTest extends QueryAndScanContract {
    @Override
    TablesServer start() {
        return new TablesServer(null);
    }
}
