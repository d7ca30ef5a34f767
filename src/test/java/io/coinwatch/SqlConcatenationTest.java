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
 * SQL is parameterised: no SQL string in src/main/java, text blocks included, is concatenated with anything but a
 * constant (UPPER_CASE), a static final initialiser built from constants, or one of the few local variables below
 * whose every value is a literal chosen in code. Values always travel as ? parameters; SqlInjectionTest shows it over
 * HTTP.
 */
class SqlConcatenationTest {

    /** Comments (skipped, they may quote), text blocks, string and char literals, in source order. */
    private static final Pattern TOKEN = Pattern.compile(
            "(?<comment>/\\*[\\s\\S]*?\\*/|//[^\\n]*)|(?<block>\"\"\"[\\s\\S]*?(?<!\\\\)\"\"\")"
                    + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\")|'(?:[^'\\\\]|\\\\.)+'");
    private static final Pattern SQL = Pattern.compile("\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|FROM|VALUES|ORDER BY|LIMIT)\\b");
    /** An operand of + next to an SQL literal that is neither a literal nor an UPPER_CASE constant. */
    private static final Pattern VARIABLE_AFTER = Pattern.compile("^\\s*\\+\\s*(?!\")(?![A-Z_][A-Z0-9_]*\\b)([A-Za-z_][\\w.]*)");
    private static final Pattern VARIABLE_BEFORE = Pattern.compile("(?<![\\w\"])([a-z][\\w.]*)\\s*\\+\\s*$");
    /** Locals whose every value is a literal picked in code (AlertBook.list: where; CoinMappingStore.assetsToMap: pendingOnly). */
    private static final Set<String> CONSTANT_LOCALS = Set.of("where", "pendingOnly");

    record Scan(int literals, int textBlocks, List<String> findings) {
    }

    @Test
    void sqlIsNeverBuiltFromVariableValues() throws IOException {
        int literals = 0;
        int textBlocks = 0;
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Scan scan = scan(file.toString(), Files.readString(file));
                literals += scan.literals();
                textBlocks += scan.textBlocks();
                findings.addAll(scan.findings());
            }
        }
        assertThat(literals).as("SQL literals found").isGreaterThan(50);
        assertThat(textBlocks).as("SQL text blocks found").isGreaterThan(30);
        assertThat(findings).isEmpty();
    }

    @Test
    void theScanFindsAVariableInSqlStringsAndTextBlocks() {
        assertThat(scan("A", "jdbc.query(\"SELECT * FROM symbol WHERE symbol = '\" + name + \"'\");").findings())
                .containsExactly("A:1: SQL concatenated with name");
        assertThat(scan("B", "jdbc.query(\"SELECT \" + COLUMNS + \" FROM coin_mapping\");").findings()).isEmpty();
        String textBlock = "class C {\n  // a \"quoted\" comment\n  void f() {\n    jdbc.query(\"\"\"\n        SELECT id FROM symbol\n"
                + "        WHERE exchange = '\"\"\"\n        + exchange + \"'\", mapper);\n  }\n}";
        Scan scan = scan("C", textBlock);
        assertThat(scan.textBlocks()).isEqualTo(1);
        assertThat(scan.findings()).containsExactly("C:4: SQL concatenated with exchange");
        assertThat(scan("D", "static final String Q = \"\"\"\n    SELECT 1 FROM t\"\"\" + WHERE_CLAUSE;").findings()).isEmpty();
    }

    static Scan scan(String file, String source) {
        int literals = 0;
        int textBlocks = 0;
        List<String> findings = new ArrayList<>();
        Matcher token = TOKEN.matcher(source);
        while (token.find()) {
            String literal = token.group("block") != null ? token.group("block") : token.group("string");
            if (literal == null || !SQL.matcher(literal).find()) {
                continue;
            }
            literals++;
            if (token.group("block") != null) {
                textBlocks++;
            }
            int lineStart = source.lastIndexOf('\n', token.start()) + 1;
            if (source.substring(lineStart, token.start()).contains("static final String")) {
                continue; // a constant, evaluated once from constants
            }
            int line = (int) source.substring(0, token.start()).chars().filter(c -> c == '\n').count() + 1;
            for (String operand : operands(source, token.start(), token.end())) {
                if (!CONSTANT_LOCALS.contains(operand)) {
                    findings.add(file + ":" + line + ": SQL concatenated with " + operand);
                }
            }
        }
        return new Scan(literals, textBlocks, findings);
    }

    /** The operands of + right before and right after a literal, across line breaks. */
    private static List<String> operands(String source, int start, int end) {
        List<String> operands = new ArrayList<>();
        Matcher after = VARIABLE_AFTER.matcher(source.substring(end, Math.min(source.length(), end + 200)));
        if (after.find()) {
            operands.add(after.group(1));
        }
        Matcher before = VARIABLE_BEFORE.matcher(source.substring(Math.max(0, start - 200), start));
        if (before.find()) {
            operands.add(before.group(1));
        }
        return operands;
    }
}
