package io.vivreal.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import org.junit.jupiter.api.Test;

class HealthTests extends ServerTest {

    @Test
    void healthAnswersUpWhenReady() {
        Http.Response health = http.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }

    @Test
    void probesAnswerWithoutDetails() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Http.Response answer = http.get(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void otherActuatorEndpointsAreClosed() {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator"}) {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(path).isIn(401, 403, 404);
            assertThat(response.body()).doesNotContain("secret", "pepper");
        }
    }

    @Test
    void unknownRoutesAnswerJson404() {
        Http.Response response = http.get("/no/such/route");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("not_found");
    }
}
