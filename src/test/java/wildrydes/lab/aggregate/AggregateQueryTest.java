package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;

class AggregateQueryTest {
    static SqlEngine engine;

    @BeforeAll
    static void open() {
        engine = SqlEngine.inMemory(1);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theWorkshopsQueryHasTheWorkshopsColumns() {
        AggregateQuery query = AggregateQuery.prepare(engine, AggregateSettings.DEFAULT_QUERY, null);
        assertThat(query.columns()).extracting(SqlEngine.Column::name).containsExactly("Name", "StatusTime", "Distance",
                "MinMagicPoints", "MaxMagicPoints", "MinHealthPoints", "MaxHealthPoints");
        assertThat(query.columns()).extracting(SqlEngine.Column::type).containsExactly("VARCHAR", "TIMESTAMP", "DOUBLE", "INTEGER",
                "INTEGER", "INTEGER", "INTEGER");
        assertThat(query.keyColumn()).isEqualTo("Name");
    }

    @Test
    void aQueryThatDoesNotParseIsNamedWithItsPosition() {
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name, SUM(Distance FROM readings GROUP BY Name", null))
                .isInstanceOf(SqlException.class).hasMessageStartingWith("Parser Error: syntax error").hasMessageContaining("(line 1, column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aColumnThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name, AVG(Speed) FROM readings GROUP BY Name", null))
                .hasMessageContaining("Speed").hasMessageContaining("(line 1, column");
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name FROM unicorns", null)).hasMessageContaining("unicorns");
    }

    @Test
    void onlyOneSelectIsAccepted() {
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name FROM readings; DROP TABLE readings_empty", null))
                .hasMessage("the query must be one SELECT statement (no INSERT, CREATE, DROP, PRAGMA, ...)");
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name FROM readings; SELECT 1 AS Name", null))
                .hasMessage("the query must be one SELECT statement, not 2 statements");
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "CREATE TABLE x (Name VARCHAR)", null))
                .hasMessageContaining("one SELECT statement");
        assertThat(AggregateQuery.prepare(engine, "  SELECT * FROM readings ;  ", null).text()).isEqualTo("SELECT * FROM readings");
        assertThat(AggregateQuery.prepare(engine, "SELECT 'a;b' AS Name", null).columns()).hasSize(1);
    }

    @Test
    void resultColumnsMustBeDistinctAndOneMustGiveThePartitionKey() {
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name, HealthPoints AS x, MagicPoints AS x FROM readings", null))
                .hasMessageContaining("two columns named x");
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT AVG(Distance) AS avg_distance FROM readings", null))
                .hasMessage("the query returns no column Name for the partition key (select one, or name another column with "
                        + "-partition-key COLUMN); its columns: avg_distance");
        assertThat(AggregateQuery.prepare(engine, "SELECT window_start, AVG(Distance) AS d FROM readings GROUP BY ALL", "WINDOW_START")
                .keyColumn()).isEqualTo("window_start");
        assertThatThrownBy(() -> AggregateQuery.prepare(engine, "SELECT Name FROM readings", "Unicorn"))
                .hasMessageContaining("no column Unicorn").hasMessageContaining("its columns: Name");
        assertThat(AggregateQuery.prepare(engine, "SELECT HealthPoints, name FROM readings", null).keyIndex()).isEqualTo(1);
    }
}
