package wildrydes.tables.api;

import wildrydes.tables.TablesError;
import wildrydes.tables.TablesException;

/** A body that does not fit the request shape: DynamoDB's SerializationException. */
final class SerializationError {
    private SerializationError() {
    }

    static TablesException of(String message) {
        return new TablesException(TablesError.SerializationException, message);
    }
}
