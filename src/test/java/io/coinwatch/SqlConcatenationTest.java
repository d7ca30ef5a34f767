package io.coinwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * SQL is parameterised: no SQL string in src/main/java is concatenated with anything but a constant (UPPER_CASE),
 * a static final initialiser built from constants, or one of the few local variables below whose every value is a
 * literal chosen in code. Values always travel as ? parameters; SqlInjectionTest shows it over HTTP.
 */
class SqlConcatenationTest {

    private static final Pattern SQL_LITERAL = Pattern.compile("\"[^\"]*\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|FROM|VALUES|ORDER BY|LIMIT)\\b[^\"]*\"");
    /** An operand of + next to an SQL literal that is neither a literal nor an UPPER_CASE constant. */
    private static final Pattern VARIABLE_AFTER = Pattern.compile("^\\s*\\+\\s*(?!\")(?![A-Z_][A-Z0-9_]*\\b)([A-Za-z_][\\w.]*)");
    private static final Pattern VARIABLE_BEFORE = Pattern.compile("(?<![\\w\"])([a-z][\\w.]*)\\s*\\+\\s*$");
    /** Locals whose every value is a literal picked in code (AlertBook.list: where; CoinMappingStore.assetsToMap: pendingOnly). */
    private static final Set<String> CONSTANT_LOCALS = Set.of("where", "pendingOnly");

    @Test
    void sqlIsNeverBuiltFromVariableValues() throws IOException {
        List<String> findings = new ArrayList<>();
        int sqlLiterals = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    Matcher sql = SQL_LITERAL.matcher(line);
                    while (sql.find()) {
                        sqlLiterals++;
                        if (line.contains("static final String")) {
                            continue; // a constant, evaluated once from constants
                        }
                        for (String operand : operands(line, sql.start(), sql.end())) {
                            if (!CONSTANT_LOCALS.contains(operand)) {
                                findings.add(file + ":" + (i + 1) + ": SQL concatenated with " + operand);
                            }
                        }
                    }
                }
            }
        }
        assertThat(sqlLiterals).as("SQL literals found").isGreaterThan(50);
        assertThat(findings).isEmpty();
    }

    @Test
    void theScanFindsAVariableInSql() {
        String line = "jdbc.query(\"SELECT * FROM symbol WHERE symbol = '\" + name + \"'\");";
        Matcher sql = SQL_LITERAL.matcher(line);
        assertThat(sql.find()).isTrue();
        assertThat(operands(line, sql.start(), sql.end())).containsExactly("name");
        String constant = "jdbc.query(\"SELECT \" + COLUMNS + \" FROM coin_mapping\");";
        Matcher sql2 = SQL_LITERAL.matcher(constant);
        assertThat(sql2.find()).isTrue();
        assertThat(operands(constant, sql2.start(), sql2.end())).isEmpty();
    }

    private static List<String> operands(String line, int start, int end) {
        List<String> operands = new ArrayList<>();
        Matcher after = VARIABLE_AFTER.matcher(line.substring(end));
        if (after.find()) {
            operands.add(after.group(1));
        }
        Matcher before = VARIABLE_BEFORE.matcher(line.substring(0, start));
        if (before.find()) {
            operands.add(before.group(1));
        }
        return operands;
    }
}
