package io.vivreal.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ApiKeyHasherTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] pepper() {
        byte[] pepper = new byte[32];
        RANDOM.nextBytes(pepper);
        return pepper;
    }

    @Test
    void hashIsDeterministicForTheSamePepper() {
        byte[] pepper = pepper();
        String key = ApiKeyFormat.generate(RANDOM);
        ApiKeyHasher one = new ApiKeyHasher(pepper);
        ApiKeyHasher other = new ApiKeyHasher(pepper.clone());
        assertThat(one.hash(key)).isEqualTo(one.hash(key)).isEqualTo(other.hash(key));
    }

    @Test
    void hashIsHmacSha256OfTheKeyUnderThePepper() throws Exception {
        byte[] pepper = pepper();
        String key = ApiKeyFormat.generate(RANDOM);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.US_ASCII)));
        assertThat(new ApiKeyHasher(pepper).hash(key)).isEqualTo(expected);
    }

    @Test
    void hashDiffersAcrossPeppers() {
        String key = ApiKeyFormat.generate(RANDOM);
        byte[] pepper = pepper();
        byte[] flipped = pepper.clone();
        flipped[31] ^= 1;
        assertThat(new ApiKeyHasher(pepper).hash(key)).isNotEqualTo(new ApiKeyHasher(flipped).hash(key));
        assertThat(new ApiKeyHasher(pepper).hash(key)).isNotEqualTo(new ApiKeyHasher(pepper()).hash(key));
    }

    @Test
    void hashDiffersAcrossKeys() {
        ApiKeyHasher hasher = new ApiKeyHasher(pepper());
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            hashes.add(hasher.hash(ApiKeyFormat.generate(RANDOM)));
        }
        assertThat(hashes).hasSize(2_000);
    }

    @Test
    void hashDiffersForKeysOneCharacterApart() {
        ApiKeyHasher hasher = new ApiKeyHasher(pepper());
        String key = ApiKeyFormat.generate(RANDOM);
        String original = hasher.hash(key);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i) == 'A' ? 'B' : 'A';
            String changed = key.substring(0, i) + c + key.substring(i + 1);
            assertThat(hasher.hash(changed)).as("position %d", i).isNotEqualTo(original);
        }
    }

    @Test
    void hashIsSixtyFourLowercaseHexCharacters() {
        ApiKeyHasher hasher = new ApiKeyHasher(pepper());
        for (int i = 0; i < 100; i++) {
            assertThat(hasher.hash(ApiKeyFormat.generate(RANDOM))).matches("[0-9a-f]{64}");
        }
        assertThat(hasher.hash("")).matches("[0-9a-f]{64}");
    }

    @Test
    void hashNeverContainsTheKeyOrItsBody() {
        ApiKeyHasher hasher = new ApiKeyHasher(pepper());
        for (int i = 0; i < 200; i++) {
            String key = ApiKeyFormat.generate(RANDOM);
            String hash = hasher.hash(key);
            assertThat(hash).doesNotContain(key);
            assertThat(hash).doesNotContain(key.substring(3, 11));
            assertThat(hash).doesNotContain(key.substring(3, 11).toLowerCase());
            assertThat(hash).doesNotContain(HexFormat.of().formatHex(key.getBytes(StandardCharsets.US_ASCII), 0, 8));
        }
    }

    @Test
    void pepperIsCopiedSoLaterChangesToTheCallersArrayDoNotAffectHashes() {
        byte[] pepper = pepper();
        byte[] original = pepper.clone();
        ApiKeyHasher hasher = new ApiKeyHasher(pepper);
        String key = ApiKeyFormat.generate(RANDOM);
        java.util.Arrays.fill(pepper, (byte) 0);
        assertThat(hasher.hash(key)).isEqualTo(new ApiKeyHasher(original).hash(key));
    }

    @Test
    void parallelHashingGivesIdenticalResults() throws Exception {
        ApiKeyHasher hasher = new ApiKeyHasher(pepper());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(ApiKeyFormat.generate(RANDOM));
        }
        List<String> expected = new ArrayList<>();
        for (String key : keys) {
            expected.add(hasher.hash(key));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> work = () -> {
                    start.await();
                    List<String> out = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        for (String key : keys) {
                            out.add(hasher.hash(key));
                        }
                    }
                    return out;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                List<String> hashes = result.get(30, TimeUnit.SECONDS);
                for (int round = 0; round < 10; round++) {
                    assertThat(hashes.subList(round * keys.size(), (round + 1) * keys.size()))
                            .isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
