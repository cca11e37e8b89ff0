# shellcheck shell=bash
# quoll_classpath <dist>: the -cp of the distribution in <dist>/lib, the client's own jars first
# (Quoll's, Jackson, ICU, commons-io/compress/lang3, picocli), then the others in name order. The
# JVM's application class loader opens the jars of the class path one by one until it finds a
# class, so with the client's jars first a client command never opens the server's (Jetty, Flyway,
# JDBC drivers, the AWS SDK: about 60 ms of CPU for the 67 jars). No class is in two jars, so the
# order changes nothing else. Sourced by ./quoll and bench/client/run; an AOT cache only fits the
# class path it was trained with, so both must use this order.
quoll_classpath() {
  local lib=$1/lib j cp=""
  for j in "$lib"/quoll-cli.jar "$lib"/quoll-client-*.jar "$lib"/quoll-core-*.jar \
    "$lib"/quoll-semver-*.jar "$lib"/jackson-databind-*.jar "$lib"/jackson-core-*.jar \
    "$lib"/jackson-annotations-*.jar "$lib"/icu4j-*.jar "$lib"/commons-io-*.jar \
    "$lib"/commons-compress-*.jar "$lib"/commons-lang3-*.jar "$lib"/picocli-*.jar "$lib"/*.jar; do
    [ -f "$j" ] || continue
    case ":$cp:" in *":$j:"*) continue ;; esac
    cp="${cp:+$cp:}$j"
  done
  printf '%s' "$cp"
}
