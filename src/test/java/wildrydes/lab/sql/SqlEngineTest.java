package wildrydes.lab.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqlEngineTest {
    private final SqlEngine sql = SqlEngine.inMemory(1);

    @AfterEach
    void close() {
        sql.close();
    }

    @Test
    void rowsComeBackAsJsonObjectsWithColumnsInQueryOrder() {
        sql.execute("CREATE TABLE r (Name VARCHAR, StatusTime TIMESTAMP, Distance BIGINT, Lat DOUBLE)");
        sql.execute("INSERT INTO r VALUES ('Shadowfax', TIMESTAMP '2026-12-03 10:15:00.123', 120, 40.5),"
                + " ('Shadowfax', TIMESTAMP '2026-12-03 10:15:01', 130, 40.6), ('Bucephalus', NULL, 7, NULL)");

        assertThat(sql.rows("SELECT Name, time_bucket(INTERVAL 1 MINUTE, StatusTime) AS StatusTime, SUM(Distance) AS Distance,"
                + " MAX(Lat) AS MaxLat FROM r GROUP BY ALL ORDER BY Name DESC").stream().map(Object::toString))
                .containsExactly(
                        "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-12-03 10:15:00.000\",\"Distance\":250,\"MaxLat\":40.6}",
                        "{\"Name\":\"Bucephalus\",\"StatusTime\":null,\"Distance\":7,\"MaxLat\":null}");
    }

    @Test
    void exactNumbersListsAndStructsKeepTheirShape() {
        assertThat(sql.rows("SELECT 170141183460469231731687303715884105727::HUGEINT AS h, 12.345::DECIMAL(10,3) AS d,"
                + " [1, 2] AS l, {'a': 1, 'b': 'x'} AS s, 'NaN'::DOUBLE AS n").getFirst().toString())
                .isEqualTo("{\"h\":170141183460469231731687303715884105727,\"d\":12.345,\"l\":[1,2],"
                        + "\"s\":{\"a\":1,\"b\":\"x\"},\"n\":\"NaN\"}");
    }

    @Test
    void aSyntaxErrorIsOneLineWithItsPosition() {
        assertThatThrownBy(() -> sql.rows("SELECT Name\nFRM readings"))
                .isInstanceOf(SqlException.class)
                .hasMessage("Parser Error: syntax error at or near \"readings\" (line 2, column 5)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownColumnNamesTheColumn() {
        sql.execute("CREATE TABLE r (Name VARCHAR)");
        assertThatThrownBy(() -> sql.rows("SELECT Nmae FROM r"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("Binder Error: Referenced column \"Nmae\" not found")
                .hasMessageNotContaining("\n");
    }

    @Test
    void describeGivesTheResultColumnsWithoutRunningTheQuery() {
        sql.execute("CREATE TABLE r (Name VARCHAR, Distance INTEGER)");
        assertThat(sql.describe("SELECT Name, SUM(Distance) AS Distance FROM r GROUP BY Name"))
                .containsExactly(new SqlEngine.Column("Name", "VARCHAR"), new SqlEngine.Column("Distance", "HUGEINT"));
    }

    @Test
    void aMessageWithoutPositionIsItsFirstLine() {
        assertThat(SqlErrors.oneLine("Catalog Error: Table with name x does not exist!\nDid you mean \"y\"?"))
                .isEqualTo("Catalog Error: Table with name x does not exist!");
        assertThat(SqlErrors.oneLine(null)).isEqualTo("the SQL engine failed without a message");
    }
}
