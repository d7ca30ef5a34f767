#!/usr/bin/env bash
# Indicators benchmark: the eight indicators at API defaults over one year of 5m candles (105,120), beside ta4j 0.21
# (DoubleNum) in the same JVM and run, then ours alone on the project's Java 17. Prints median and p95 wall times
# and exits non-zero when a target is missed (our p95 < 0.3 s, and faster than ta4j).
#
# ta4j 0.21 is compiled for Java 21, so the comparison runs on a JDK >= 21: $BENCH_JAVA_HOME, else the first
# /usr/lib/jvm/* JDK of version 21 or later. The benchmark sources (src/bench/java) are therefore not part of the
# Maven build; this script compiles them for Java 17 with that JDK.
#
# Usage: bench/indicators.sh [our warm-up] [our measured] [ta4j warm-up] [ta4j measured]   (defaults 10 30 1 5)
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }

jdk="${BENCH_JAVA_HOME:-}"
if [[ -z "$jdk" ]]; then
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        if [[ -x "$candidate/bin/javac" && "$(java_major "$candidate")" -ge 21 ]]; then
            jdk="${candidate%/}"
            break
        fi
    done
fi
if [[ -z "$jdk" || "$(java_major "$jdk")" -lt 21 ]]; then
    echo "ta4j 0.21 needs a JDK 21 or later: set BENCH_JAVA_HOME" >&2
    exit 2
fi

./mvnw -q -o test-compile
classpath_file=target/indicators-benchmark.classpath
./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"
rm -rf target/bench-classes
"$jdk/bin/javac" --release 17 -nowarn -d target/bench-classes -cp "$classpath" \
    $(find src/bench/java -name '*.java')

status=0
echo "== with ta4j, on $jdk"
"$jdk/bin/java" -cp "target/bench-classes:$classpath" io.coinwatch.marketdata.indicator.IndicatorsBenchmark "$@" \
    || status=1
echo
echo "== coinwatch alone, on the project's runtime ($(command -v java))"
java -cp "target/bench-classes:$classpath" io.coinwatch.marketdata.indicator.IndicatorsBenchmark "$@" \
    --coinwatch-only || status=1
exit "$status"
