package io.vivreal.content.sites;

import static io.vivreal.content.schema.FuzzBodies.MEDIA;
import static io.vivreal.content.schema.FuzzBodies.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vivreal.content.schema.FuzzBodies;
import io.vivreal.content.schema.ValidationException;
import io.vivreal.content.schema.ValueValidator;
import java.util.Map;
import java.util.Optional;

/**
 * A site body under arbitrary JSON — its own schema and values, free-form parts, links and
 * navigation: a site to store, or a {@link ValidationException} (a 400) that stays short, even when
 * the body's own schema is what the values are refused against.
 */
class SiteValidatorFuzzTests {

    private final SiteValidator validator = new SiteValidator(new ValueValidator(MEDIA));

    @FuzzTest(maxDuration = "3m")
    void anySiteBodyIsASiteOrA400(byte[] input) {
        Optional<Object> body = FuzzBodies.json(input);
        if (body.isEmpty() || !(body.get() instanceof Map<?, ?> raw)) {
            return; // Spring refuses a body that is not a JSON object before the validator sees it
        }

        SiteContent site;
        try {
            site = validator.validate(SCOPE, raw);
        } catch (ValidationException refused) {
            FuzzBodies.assertRefusedBriefly(refused, input.length);
            return;
        }

        assertThat(site.socialLinks()).hasSizeLessThanOrEqualTo(SiteValidator.MAX_SOCIAL_LINKS);
        assertThat(site.navigation()).hasSizeLessThanOrEqualTo(SiteValidator.MAX_NAVIGATION);
        site.socialLinks().forEach(link -> assertThat(link.getString("url")).matches("(?i)https?:.*"));
        site.navigation().forEach(entry -> assertThat(entry.getString("href")).doesNotStartWith("//"));
        assertThat(site.parts().keySet())
                .isSubsetOf("navigation", "aboutSection", "hero", "cta", "footer", "emailPopup", "blocks");
        site.parts()
                .forEach((part, value) -> assertThat(ValueValidator.storedSize(new org.bson.Document("v", value)))
                        .isLessThanOrEqualTo(FreeForm.MAX_PART_BYTES + 64));
    }
}
