package io.vivreal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyResponsesTests {

    @Test
    void stageResourceCoversEveryMethodAndPathOfTheCalledStageOnly() {
        assertThat(PolicyResponses.stageResource(
                        "arn:aws:execute-api:eu-west-1:123456789012:k3x9ab12cd/live/GET/tenant/collectionObjects"))
                .isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:k3x9ab12cd/live/*/*");
        assertThat(PolicyResponses.stageResource("arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/"))
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc/prod/*/*");
    }

    @Test
    void refuseEventsWithoutAMethodArnRatherThanGuessAResource() {
        assertThatThrownBy(() -> PolicyResponses.stageResource(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyResponses.stageResource("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyResponses.stageResource("arn:aws:execute-api:eu-west-1:123456789012:abc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyResponses.stageResource("arn:aws:execute-api:eu-west-1:123456789012:abc/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyResponses.stageResource("arn:aws:execute-api:eu-west-1:abc/live/GET/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void denyWithoutDecisionCarriesNoContext() {
        var deny = PolicyResponses.deny("arn:aws:execute-api:eu-west-1:123456789012:abc/live/*/*");

        assertThat(deny.getPrincipalId()).isEqualTo("anonymous");
        assertThat(deny.getContext()).isNull();
        assertThat(deny.getPolicyDocument()).containsEntry("Version", "2012-10-17");
    }
}
