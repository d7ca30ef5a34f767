#!/usr/bin/env bash
# Indicators benchmark: the eight indicators at API defaults over one year of 5m candles (105,120), beside the latest
# ta4j (TA4J_VERSION, 0.24.1, DoubleNum) in the same JVM and run, both warmed the same way (WARMUP rounds over the
# same series), then ROUNDS measured rounds alternating between the sides; then ours alone on the project's Java 17.
# Prints median and p95 wall times and exits non-zero when a target is missed (our p95 < 0.3 s, and faster than
# ta4j). Raw output: bench/results/<date>-indicators/ (the benchmark's output of both JVMs).
#
# ta4j 0.24 is compiled for Java 25, so the comparison runs on a JDK >= 25: $BENCH_JAVA_HOME, else the first
# /usr/lib/jvm/* JDK of version 25 or later. The benchmark sources (src/bench/java) are therefore not part of the
# Maven build; this script compiles them for Java 17 with that JDK. ta4j is not a Maven dependency of the project:
# Maven cannot resolve ta4j-core 0.24.1 (its parent POM, ta4j-parent 0.24.1, is missing from Maven Central), so the
# jar is fetched from Maven Central into target/ta4j/ and checked against Central's SHA-1.
#
# Usage: bench/indicators.sh        (WARMUP [10], ROUNDS [30], TA4J_VERSION [0.24.1]; BENCH_* settings: bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-30}
TA4J_VERSION=${TA4J_VERSION:-0.24.1}

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }

jdk="${BENCH_JAVA_HOME:-}"
if [[ -z "$jdk" ]]; then
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        if [[ -x "$candidate/bin/javac" && "$(java_major "$candidate")" -ge 25 ]]; then
            jdk="${candidate%/}"
            break
        fi
    done
fi
if [[ -z "$jdk" || "$(java_major "$jdk")" -lt 25 ]]; then
    echo "ta4j $TA4J_VERSION needs a JDK 25 or later: set BENCH_JAVA_HOME" >&2
    exit 2
fi

ta4j_jar=target/ta4j/ta4j-core-$TA4J_VERSION.jar
if [[ ! -f "$ta4j_jar" ]]; then
    mkdir -p target/ta4j
    url=https://repo.maven.apache.org/maven2/org/ta4j/ta4j-core/$TA4J_VERSION/ta4j-core-$TA4J_VERSION.jar
    log "fetching $url"
    curl -sSf -o "$ta4j_jar.part" "$url"
    [[ "$(sha1sum < "$ta4j_jar.part" | cut -d' ' -f1)" == "$(curl -sSf "$url.sha1" | cut -c1-40)" ]] \
        || { log "SHA-1 of $url does not match"; rm -f "$ta4j_jar.part"; exit 2; }
    mv "$ta4j_jar.part" "$ta4j_jar"
fi

results_init indicators
machine
./mvnw -q test-compile
classpath_file=target/indicators-benchmark.classpath
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"
rm -rf target/bench-classes
"$jdk/bin/javac" --release 17 -nowarn -d target/bench-classes -cp "$classpath:$ta4j_jar" \
    $(find src/bench/java -name '*.java')

load_start
echo "== coinwatch and ta4j $TA4J_VERSION, on $jdk ($WARMUP warm-up rounds and $ROUNDS measured rounds each)"
"$jdk/bin/java" -Dta4j.version="$TA4J_VERSION" -cp "target/bench-classes:$classpath:$ta4j_jar" \
    io.coinwatch.marketdata.indicator.IndicatorsBenchmark "$WARMUP" "$ROUNDS" | tee "$(raw_file with-ta4j.txt)" || STATUS=1
echo
echo "== coinwatch alone, on the project's runtime ($(command -v java))"
java -cp "target/bench-classes:$classpath" io.coinwatch.marketdata.indicator.IndicatorsBenchmark "$WARMUP" "$ROUNDS" \
    --coinwatch-only | tee "$(raw_file coinwatch-java17.txt)" || STATUS=1
load_report
exit "$STATUS"
