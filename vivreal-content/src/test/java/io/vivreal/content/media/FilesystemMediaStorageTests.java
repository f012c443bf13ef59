package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemMediaStorageTests {

    private static final String BUCKET = "acme-a1b2c3";
    private static final String KEY = "0123456789abcdef01234567.png";

    @TempDir
    Path dataDir;

    private FilesystemMediaStorage storage() {
        return new FilesystemMediaStorage(dataDir.resolve("media"));
    }

    @Test
    void storesUnderBucketAndKeyAndReadsBackTheSameBytes() throws IOException {
        FilesystemMediaStorage storage = storage();
        byte[] bytes = Samples.png();

        long written = storage.put(BUCKET, KEY, new ByteArrayInputStream(bytes));

        assertThat(written).isEqualTo(bytes.length);
        assertThat(Files.readAllBytes(dataDir.resolve("media").resolve(BUCKET).resolve(KEY)))
                .isEqualTo(bytes);
        assertThat(storage.exists(BUCKET, KEY)).isTrue();
        try (InputStream in = storage.open(BUCKET, KEY).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(storage.delete(BUCKET, KEY)).isTrue();
        assertThat(storage.exists(BUCKET, KEY)).isFalse();
        assertThat(storage.open(BUCKET, KEY)).isEmpty();
        assertThat(storage.delete(BUCKET, KEY)).isFalse();
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        FilesystemMediaStorage storage = storage();
        // fails for good after 100,000 bytes, in both read methods (InputStream's default bulk read
        // would swallow a failure of the single-byte read and go on forever)
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    throw new IOException("client went away");
                }
                int n = Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };

        assertThatThrownBy(() -> storage.put(BUCKET, KEY, failing)).isInstanceOf(IOException.class);

        assertThat(storage.exists(BUCKET, KEY)).isFalse();
        try (Stream<Path> files = Files.list(dataDir.resolve("media").resolve(BUCKET))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesEveryNameOutsideTheGrammar() throws IOException {
        Files.createDirectories(dataDir.resolve("secrets"));
        Files.writeString(dataDir.resolve("secrets").resolve("api-key-pepper"), "secret");
        FilesystemMediaStorage storage = storage();
        String[][] names = {
            {"..", "secrets"},
            {"..", "../secrets/api-key-pepper"},
            {BUCKET, "../../secrets/api-key-pepper"},
            {"../secrets", "api-key-pepper"},
            {BUCKET, "..%2f..%2fsecrets"},
            {BUCKET, "0123456789abcdef01234567.png/.."},
            {BUCKET, "0123456789ABCDEF01234567.png"},
            {BUCKET, "0123456789abcdef01234567.html"},
            {BUCKET, "0123456789abcdef01234567.svg"},
            {BUCKET, "/etc/passwd"},
            {"-bucket", KEY},
            {"Bucket", KEY},
            {"a.b", KEY},
            {"", KEY},
            {BUCKET, ""},
            {null, KEY},
            {BUCKET, null},
        };
        for (String[] name : names) {
            String description = name[0] + " / " + name[1];
            assertThatThrownBy(() -> storage.open(name[0], name[1]))
                    .as(description)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.put(name[0], name[1], new ByteArrayInputStream(new byte[1])))
                    .as(description)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.delete(name[0], name[1]))
                    .as(description)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.exists(name[0], name[1]))
                    .as(description)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.readString(dataDir.resolve("secrets").resolve("api-key-pepper")))
                .isEqualTo("secret");
    }
}
