# One image for every role; COINWATCH_ROLES chooses what a container runs (see docker-compose.yml).

# Build: the Maven wrapper, dependencies first so a source change reuses their layer.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY db/ db/
COPY config/ config/
RUN ./mvnw -B -q package -DskipTests && cp target/coinwatch-*.jar /build/coinwatch.jar

# Run: a JRE, curl for the health check, and a user without privileges.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system coinwatch && useradd --system --gid coinwatch --home-dir /app coinwatch
WORKDIR /app
COPY --from=build /build/coinwatch.jar coinwatch.jar
COPY config/ config/
COPY routes/ routes/
RUN mkdir -p data && chown -R coinwatch:coinwatch /app
USER coinwatch
# The same memory settings as ./mvnw spring-boot:run (pom.xml jvmArguments): one role within 512 MiB RSS
# (BENCHMARKS.md, Memory). A deployment that needs a bigger heap sets JAVA_TOOL_OPTIONS itself.
ENV JAVA_TOOL_OPTIONS="-Xmx256m -Xms32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MinMetaspaceFreeRatio=10 -XX:MaxMetaspaceFreeRatio=20 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=10000" \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/coinwatch.jar"]
