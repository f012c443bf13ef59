# syntax=docker/dockerfile:1
# Vivreal in a container: built with the README's own command (./vivreal build: mvn package and
# the class-data-sharing archive), run with the README's own command (./vivreal serve) on a JRE
# as a non-root user. Data (the embedded store, media, development secrets) lives in /data.
#
#   docker build -t vivreal .
#   docker run -p 8080:8080 -v vivreal-data:/data vivreal
#
# NOTE: no image registry is reachable on the machines this project is developed on, so this file
# has not been built there; it uses only the commands the README's tests exercise.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./vivreal build

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /opt/vivreal --shell /usr/sbin/nologin vivreal \
    && mkdir -p /data && chown vivreal /data
WORKDIR /opt/vivreal
# the launcher looks for the jar (and the archive) where ./vivreal build put them; with no sources
# in the image it never rebuilds
COPY --from=build /src/vivreal ./vivreal
COPY --from=build /src/vivreal-app/target/vivreal.jar ./vivreal-app/target/vivreal.jar
COPY --from=build /src/vivreal-app/target/cds ./vivreal-app/target/cds
USER vivreal
ENV VIVREAL_DATA_DIR=/data VIVREAL_PORT=8080 VIVREAL_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# exec form: SIGTERM reaches the JVM, which finishes in-flight work and exits within 30 s
ENTRYPOINT ["./vivreal", "serve"]
