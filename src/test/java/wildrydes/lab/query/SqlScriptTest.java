package wildrydes.lab.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
        assertThat(SqlScript.split("SELECT 'a;b' AS \"x;y\"; -- one; two\nSELECT 2 /* ; */;\n\n SELECT $$;$$ ; ;"))
                .containsExactly("SELECT 'a;b' AS \"x;y\"", "-- one; two\nSELECT 2 /* ; */", "SELECT $$;$$");
        assertThat(SqlScript.split("SELECT 'it''s; fine'")).containsExactly("SELECT 'it''s; fine'");
        assertThat(SqlScript.split("  -- only a comment\n  ")).isEmpty();
    }

    @Test
    void typedTextIsCompleteOnceASemicolonEndsItOutsideQuotes() {
        assertThat(SqlScript.complete("SELECT 1")).isFalse();
        assertThat(SqlScript.complete("SELECT 1;")).isTrue();
        assertThat(SqlScript.complete("SELECT 1; -- done\n")).isTrue();
        assertThat(SqlScript.complete("SELECT ';")).isFalse();
        assertThat(SqlScript.complete("SELECT 1 /* ; ")).isFalse();
        assertThat(SqlScript.complete("   ")).isTrue();
    }
}
