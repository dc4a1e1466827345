# The Boot jar as a container, for docker-compose.yml. Build the jar first: ./mvnw -B package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 bulwark
COPY target/bulwark-*.jar /app/bulwark.jar
USER 10001
EXPOSE 8080
# Bounded memory (issue 11: at most 256 MB resident under load), measured with bench/get-me.sh. A fixed 80 MB heap
# holds the live set (about 35 MB) with room for young collections (1.05 % of the time in collections under load,
# against 0.85 % with 96 MB); the serial collector is the one that suits a single core and keeps no collector
# threads; class metadata and compiled code get fixed ceilings; two compiler threads; what glibc holds on to after
# a burst is given back every 5 s (TrimNativeHeapInterval, in Java 17 since 17.0.9). glibc gives each busy thread
# its own allocation arena: two are enough for the JVM's own allocations.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms80m -Xmx80m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=128m -XX:CICompilerCount=2 -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-jar", "/app/bulwark.jar"]
