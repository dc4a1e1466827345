#!/usr/bin/env bash
# How long a fresh JVM takes to start a Spring Boot application context: Bulwark next to the resource server of the
# Spring Security reference (bench/peers/spring-resource-server: one endpoint, the same Boot version), both as Boot
# apps, both with the JVM options template.yaml gives the Lambda function and each with a class-data archive of its
# own, recorded the way Spring Boot documents it (extracted jar, one training run). Each run is the wall time from
# starting the JVM until it exits once the context is refreshed (-Dspring.context.exit=onRefresh); the two take turns
# in each round. Prints every round, the medians and their ratio: what the Spring Boot context of a minimal resource
# server costs on this machine, and what Bulwark's own configuration adds to it. Nothing is contacted: the issuer and
# DynamoDB are addresses nobody answers on, which neither application reaches while it starts.
#   bench/context-start.sh [rounds]
# Settings (environment variables): BUILD [yes]  no: reuse the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}

spring_peer=bench/peers/spring-resource-server
if [ "${BUILD:-yes}" != no ]; then
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q -f "$spring_peer/pom.xml" package
fi
bulwark_jar=$(ls target/bulwark-*.jar | grep -E '^target/bulwark-[0-9.]+(-SNAPSHOT)?\.jar$')
spring_jar=$(ls "$spring_peer"/target/spring-resource-server-*.jar | grep -v -- '-plain.jar$' | head -1)
# The Lambda function's options, as the template sets them for every function.
jvm_options=$(sed -n -E 's/^[[:space:]]+JAVA_TOOL_OPTIONS:[[:space:]]*(.*)$/\1/p' template.yaml | head -1)

out=target/context-start
rm -rf "$out"
mkdir -p "$out"
nobody=http://127.0.0.1:9
export BULWARK_ISSUER_URI=$nobody/realms/bulwark BULWARK_DYNAMODB_ENDPOINT=$nobody BULWARK_DYNAMODB_REGION=eu-central-1 \
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local ISSUER_URI=$nobody/realms/bulwark
unset JAVA_TOOL_OPTIONS

# Runs one application once: its context refreshed, then the JVM gone. Prints the milliseconds it took.
start_once() {
  local name=$1
  shift
  local begin
  begin=$(date +%s%N)
  # shellcheck disable=SC2086 # the options are words
  if ! java $jvm_options "$@" -Dspring.context.exit=onRefresh -jar "$out/$name/app.jar" --server.port=0 \
      >>"$out/$name.log" 2>&1; then
    echo "$name failed to start, see $out/$name.log" >&2
    exit 1
  fi
  echo $((($(date +%s%N) - begin) / 1000000))
}

for app in "bulwark:$bulwark_jar" "spring:$spring_jar"; do
  name=${app%%:*}
  java -Djarmode=tools -jar "${app#*:}" extract --destination "$out/$name" >/dev/null
  mv "$out/$name/$(basename "${app#*:}")" "$out/$name/app.jar"
  start_once "$name" -XX:ArchiveClassesAtExit="$out/$name.jsa" >/dev/null
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | head -1); JVM options of both: $jvm_options, each with its class-data archive"
bulwark=()
spring=()
for round in $(seq 1 "$rounds"); do
  b=$(start_once bulwark -XX:SharedArchiveFile="$out/bulwark.jsa" -Xshare:on)
  s=$(start_once spring -XX:SharedArchiveFile="$out/spring.jsa" -Xshare:on)
  bulwark+=("$b")
  spring+=("$s")
  echo "round $round: Bulwark $b ms, Spring peer $s ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }
mb=$(median "${bulwark[@]}")
ms=$(median "${spring[@]}")
echo "median of $rounds: Bulwark $mb ms, Spring peer $ms ms, Bulwark / Spring peer $(awk -v b="$mb" -v s="$ms" 'BEGIN {printf "%.2f", b / s}')"
