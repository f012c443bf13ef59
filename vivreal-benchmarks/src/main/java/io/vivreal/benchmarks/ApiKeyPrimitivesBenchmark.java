package io.vivreal.benchmarks;

import io.vivreal.authorizer.ApiKeyFormat;
import io.vivreal.authorizer.ApiKeyHasher;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two pieces of work every presented key costs before any cache or store is consulted, so the
 * authorizer's numbers can be read as a sum of parts:
 *
 * <ul>
 *   <li>{@link #isWellFormed}: prefix, alphabet and CRC32 checksum of a valid key (the full check;
 *       a bad key can only stop earlier);
 *   <li>{@link #hash}: the peppered HMAC-SHA256 lookup hash, hex-encoded — the cache key and the
 *       indexed store value.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class ApiKeyPrimitivesBenchmark {

    private ApiKeyHasher hasher;
    private String key;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        byte[] pepper = new byte[32];
        random.nextBytes(pepper);
        hasher = new ApiKeyHasher(pepper);
        key = ApiKeyFormat.generate(random);
    }

    @Benchmark
    public boolean isWellFormed() {
        return ApiKeyFormat.isWellFormed(key);
    }

    @Benchmark
    public String hash() {
        return hasher.hash(key);
    }
}
