package wildrydes.tables.storage;

class MemoryTableStoreContractTest extends TableStoreContractTest {
    @Override
    TableStore open() {
        return new MemoryTableStore();
    }

    @Override
    TableStore reopen(TableStore closed) {
        closed.close();
        return new MemoryTableStore();
    }

    @Override
    boolean durable() {
        return false;
    }
}
