/**
 * JMH benchmarks of the Client API authorizer's hot path: the cached decision, the no-I/O
 * rejection of a malformed key, a real uncached lookup against the embedded store, and the key
 * primitives (checksum check, peppered HMAC) that make up their cost. Build with {@code mvn
 * package -pl vivreal-benchmarks -am} and run {@code java -jar vivreal-benchmarks/target/benchmarks.jar};
 * see {@code docs/BENCHMARKS.md}.
 */
package io.vivreal.benchmarks;
