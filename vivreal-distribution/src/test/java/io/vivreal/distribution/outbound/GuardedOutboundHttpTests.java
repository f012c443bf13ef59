package io.vivreal.distribution.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile receivers against the one outbound client, over real sockets: a flood is cut at 64 KB,
 * a drip at 15 s, a redirect is not followed, and the address guard runs again before every
 * request (a name that rebinds to a private address is refused on the next attempt) and is the only
 * resolver the connection uses (a name that rebinds between the check and the connection is
 * refused at the connection).
 */
class GuardedOutboundHttpTests {

    final OutboundGuard loopbackAllowed = new OutboundGuard(List.of("127.0.0.1"), InetAddress::getAllByName);
    final OutboundHttp http = new GuardedOutboundHttp(loopbackAllowed, Clock.systemUTC());
    final AtomicLong written = new AtomicLong();
    final AtomicInteger connections = new AtomicInteger();
    ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /** A raw HTTP/1.1 receiver: reads the request head, then answers with {@code answer}. */
    String receiver(Answer answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    readHead(socket.getInputStream());
                    answer.write(socket.getOutputStream());
                } catch (IOException | InterruptedException e) {
                    // the client hung up: what the limits are for
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    static OutboundRequest post(String url) {
        return new OutboundRequest(url, "settings.url", Map.of(), "{}", List.of());
    }

    @Test
    void aHundredMegabyteAnswerIsCutAt64KilobytesAndKeptAsA2KilobyteExcerpt() throws Exception {
        String url = receiver(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + (100L << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "lorem ipsum ".repeat(64 * 1024 / 12).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1600; i++) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        });
        long start = System.nanoTime();
        OutboundResponse response = http.send(post(url));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(2048);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        Thread.sleep(300);
        assertThat(written.get()).as("the rest was never read").isLessThan(20L << 20);
    }

    @Test
    void anAnswerDrippingOneBytePerSecondIsCutAt15Seconds() throws Exception {
        String url = receiver(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        });
        long start = System.nanoTime();
        OutboundResponse response = http.send(post(url));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.succeeded()).isFalse();
        assertThat(response.error()).isEqualTo("timeout");
        assertThat(took).isBetween(Duration.ofMillis(14_500), Duration.ofSeconds(17));
    }

    @Test
    void aRedirectIsAnAnswerNotAnInvitation() throws Exception {
        String url = receiver(out -> out.write(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://169.254.169.254/latest/meta-data\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
        OutboundResponse response = http.send(post(url));
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.succeeded()).isFalse();
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void theGuardChecksAgainBeforeEveryRequest() throws Exception {
        String url = receiver(out -> out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        AtomicInteger lookups = new AtomicInteger();
        // the first request's check and connection see an allowed address; every later lookup a private one
        OutboundGuard guard = new OutboundGuard(List.of("127.0.0.1/32"), host -> new InetAddress[] {
            lookups.incrementAndGet() <= 2 ? InetAddress.getLoopbackAddress() : InetAddress.getByName("10.0.0.1")
        });
        OutboundHttp rebinding = new GuardedOutboundHttp(guard, Clock.systemUTC());
        assertThat(rebinding.send(post(url)).status()).isEqualTo(204);
        OutboundResponse second = rebinding.send(post(url));
        assertThat(second.status()).isNull();
        assertThat(second.error()).isEqualTo("refused_by_guard");
        assertThat(connections.get()).as("no request left the server").isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsAnOutcomeNotAnException() throws Exception {
        ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int port = closed.getLocalPort();
        closed.close();
        OutboundResponse response = http.send(post("http://127.0.0.1:" + port + "/hook"));
        assertThat(response.status()).isNull();
        assertThat(response.error()).isIn("connection_refused", "connection_failed");
    }

    @Test
    void secretLookingThingsInTheAnswerAreRedacted() {
        String answer = "{\"access_token\":\"abcd1234efgh\",\"auth\":\"Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl\","
                + "\"mine\":\"whsec_dGhpcy1pcy1teS1zZWNyZXQ\",\"ok\":\"fine\"}";
        String excerpt = Redaction.excerpt(answer, 2048, List.of("whsec_dGhpcy1pcy1teS1zZWNyZXQ"));
        assertThat(excerpt)
                .doesNotContain("abcd1234efgh")
                .doesNotContain("eyJzdWIiOiIx")
                .doesNotContain("dGhpcy1pcy1teS1zZWNyZXQ")
                .contains("\"ok\":\"fine\"");
    }

    @Test
    void theConnectionUsesOnlyTheAddressesTheGuardResolvedAndApproved() throws Exception {
        String url = receiver(out -> out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        int port = server.getLocalPort();
        // a name no system DNS knows: only the guard's own resolution can reach the receiver
        OutboundGuard guard = new OutboundGuard(
                List.of("127.0.0.1/32"),
                host -> host.equals("receiver.vivreal.test")
                        ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                        : InetAddress.getAllByName(host));
        OutboundHttp pinned = new GuardedOutboundHttp(guard, Clock.systemUTC());

        OutboundResponse response = pinned.send(post("http://receiver.vivreal.test:" + port + "/hook"));

        assertThat(response.error()).isNull();
        assertThat(response.status()).isEqualTo(204);
        assertThat(url).isNotNull();
    }

    @Test
    void aNameThatRebindsBetweenTheCheckAndTheConnectionIsRefusedAtTheConnection() throws Exception {
        receiver(out -> out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        int port = server.getLocalPort();
        AtomicInteger lookups = new AtomicInteger();
        // the check sees an allowed address; the lookup made for the connection sees the metadata address
        OutboundGuard guard = new OutboundGuard(List.of("127.0.0.1/32"), host -> new InetAddress[] {
            lookups.incrementAndGet() == 1 ? InetAddress.getLoopbackAddress() : InetAddress.getByName("169.254.169.254")
        });
        OutboundHttp pinned = new GuardedOutboundHttp(guard, Clock.systemUTC());

        OutboundResponse response = pinned.send(post("http://rebind.vivreal.test:" + port + "/hook"));

        assertThat(response.status()).isNull();
        assertThat(response.error()).isEqualTo("refused_by_guard");
        assertThat(lookups.get()).isEqualTo(2);
        assertThat(connections.get()).as("nothing connected anywhere").isZero();
    }
}
