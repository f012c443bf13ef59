package io.vivreal.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx in the documented shape and changes nothing. */
class BadInputTests extends ServerTest {

    @Test
    void malformedJsonIsA400AndCreatesNothing() {
        Fixtures.User user = fixtures.user();
        for (String body :
                new String[] {"{\"name\":", "not json", "[1,2]", "\"just a string\"", "{\"name\":\"a\"} trailing"}) {
            Http.Response response = http.post("/api/groups", body, user.auth());
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().get("error").asString()).isNotBlank();
            assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", "tools.jackson");
        }
        assertThat(http.get("/api/groups", user.auth()).json().size()).isZero();
    }

    @Test
    void missingFieldsNameTheField() {
        Fixtures.User user = fixtures.user();

        Http.Response noName = http.post("/api/groups", Map.of(), user.auth());
        Http.Response noEmail = http.post("/auth/signup", Map.of("password", "long enough pw", "name", "A"));
        Http.Response noRole = http.post(
                "/api/groups/" + fixtures.group(user) + "/members", Map.of("email", "a@example.com"), user.auth());

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("field").asString()).isEqualTo("name");
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.json().get("field").asString()).isEqualTo("email");
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.json().get("field").asString()).isEqualTo("role");
    }

    @Test
    void bodiesOverOneMegabyteAre413() {
        Fixtures.User user = fixtures.user();
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}";

        Http.Response declared = http.post("/api/groups", big, user.auth());
        Http.Response onClientApi = http.post("/tenant/definedCollectionObject", big, "Authorization", "vr_x");

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("error").asString()).isEqualTo("too_large");
        assertThat(onClientApi.status()).isEqualTo(413);
        assertThat(http.get("/api/groups", user.auth()).json().size()).isZero();
    }

    @Test
    void chunkedBodiesOverOneMegabyteAre413() throws Exception {
        Fixtures.User user = fixtures.user();
        byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/groups HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Authorization: Bearer " + user.token()
                            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(("a\r\n{\"name\":\"a\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = "";
            try {
                for (int i = 0; i < 20; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            status = firstLine(socket.getInputStream());
            assertThat(status).contains("413");
        }
        assertThat(http.get("/api/groups", user.auth()).json().size()).isZero();
    }

    @Test
    void deeplyNestedJsonIsA400() {
        Fixtures.User user = fixtures.user();
        String bomb = "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        Http.Response response = http.post("/api/groups", bomb, user.auth());

        assertThat(response.status()).isEqualTo(400);
        assertThat(http.get("/api/groups", user.auth()).json().size()).isZero();
    }

    @Test
    void namesWithControlOrInvisibleCharactersAreRefusedButAnyScriptIsFine() {
        Fixtures.User user = fixtures.user();
        for (String name : new String[] {
            "tab\there",
            "nul\u0000",
            "bell\u0007",
            "rtl\u202Eevil",
            "zero\u200Bwidth",
            "line\u2028sep",
            " ",
            "x".repeat(101)
        }) {
            Http.Response response = http.post("/api/groups", Map.of("name", name), user.auth());
            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.json().get("field").asString()).isEqualTo("name");
        }
        assertThat(http.get("/api/groups", user.auth()).json().size()).isZero();
        for (String name : new String[] {"Café Zürich", "東京の友達", "Ünïcödé 🎉 Crew", "O'Brien & Sons"}) {
            Http.Response response = http.post("/api/groups", Map.of("name", name), user.auth());
            assertThat(response.status()).as(name).isEqualTo(201);
            assertThat(response.json().get("groupName").asString()).isEqualTo(name);
            assertThat(response.json().get("key").asString()).matches("[a-z0-9-]+");
        }
    }

    @Test
    void wrongContentTypeIs415AndWrongMethodIs405() {
        Fixtures.User user = fixtures.user();

        Http.Response form = http.send(
                "POST",
                "/api/groups",
                "name=x",
                "Authorization",
                "Bearer " + user.token(),
                "Content-Type",
                "text/plain");
        Http.Response method = http.send("PATCH", "/api/groups", "{}", user.auth());

        assertThat(form.status()).isEqualTo(415);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("error").asString()).isEqualTo("method_not_allowed");
    }

    @Test
    void aRequestTomcatCannotParseStillGetsJson() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream()
                    .write("GET /api/groups?a=<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("application/json").doesNotContain("<html", "Tomcat", "Apache");
        }
    }

    @Test
    void aMegabyteQueryStringIsRefusedWithJsonNamingTheLimit() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            String search = "x".repeat(1024 * 1024);
            try {
                socket.getOutputStream()
                        .write(("GET /tenant/collectionObjects?collectionId=0123456789abcdef01234567&search=" + search
                                        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: vr_x\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
            } catch (java.net.SocketException answeredBeforeTheEnd) {
                // the server may answer and stop reading before the whole line is sent
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response)
                    .startsWith("HTTP/1.1 400")
                    .contains("application/json", "16 KB")
                    .doesNotContain("<html");
        }
    }

    private static String firstLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }
}
