package wildrydes.tables.api;

import java.util.Map;
import wildrydes.tables.TablesService;

/** The name, fields and service every action has. */
abstract class BaseAction implements TablesAction {
    private final String name;
    private final Map<String, Field> fields;
    protected final TablesService service;

    BaseAction(String name, TablesService service, Field... fields) {
        this.name = name;
        this.service = service;
        this.fields = Fields.of(fields);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Field> fields() {
        return fields;
    }
}
