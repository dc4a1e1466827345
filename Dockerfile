# The Boot jar as a container, for docker-compose.yml. Build the jar first: ./mvnw -B package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 bulwark
COPY target/bulwark-*.jar /app/bulwark.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/bulwark.jar"]
