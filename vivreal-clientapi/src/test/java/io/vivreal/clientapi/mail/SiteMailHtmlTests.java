package io.vivreal.clientapi.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.content.media.MediaUrls;
import io.vivreal.core.web.PublicUrl;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The sanitiser's rules and which image URLs count as a group's own, without a server. */
class SiteMailHtmlTests {

    private static final String KEY = "0123456789abcdef01234567.png";
    private static final String S3 = "https://media-bucket.s3.eu-west-1.amazonaws.com/prod/";

    /** S3 presigned links, as the S3 storage signs them (bucket host, prefix, the group's folder). */
    private static final MediaUrls S3_URLS = (bucket, key) -> S3 + bucket + "/" + key
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261130%2Feu-west-1%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=abc123";

    private final OwnMediaUrls own =
            new OwnMediaUrls(S3_URLS, new PublicUrl("https://vivreal.example", new MockEnvironment()));

    @Test
    void onlyTheGroupsOwnMediaLinksAreImagesItMayShow() {
        Predicate<String> jazz = own.of("jazz-club");

        assertThat(jazz.test(S3_URLS.signedUrl("jazz-club", KEY))).isTrue();
        assertThat(jazz.test("https://vivreal.example/media/jazz-club/" + KEY + "?exp=1893456000&sig=abc_-"))
                .isTrue();
        assertThat(List.of(
                        S3_URLS.signedUrl("other-group", KEY),
                        "https://vivreal.example/media/other-group/" + KEY + "?exp=1&sig=x",
                        "https://vivreal.example/media/jazz-club/../other-group/" + KEY,
                        "https://vivreal.example/media/jazz-club/%2e%2e/other-group/" + KEY,
                        "https://vivreal.example/media/jazz-club/" + KEY + "#https://tracker.example/",
                        "https://vivreal.example/media/jazz-club/" + KEY + "?a=<b>",
                        "https://vivreal.example.tracker.example/media/jazz-club/" + KEY,
                        "https://vivreal.example@tracker.example/media/jazz-club/" + KEY,
                        "http://vivreal.example/media/jazz-club/" + KEY,
                        "https://tracker.example/pixel.gif",
                        "javascript:alert(1)",
                        ""))
                .noneMatch(jazz);
        assertThat(own.of("../etc").test("https://vivreal.example/media/../etc/" + KEY))
                .isFalse();
    }

    @Test
    void sanitisingKeepsFormattingAndOwnImagesAndDropsEverythingThatRunsOrFetches() {
        SiteMailHtml html = new SiteMailHtml(own.of("jazz-club"));
        String logo = "https://vivreal.example/media/jazz-club/" + KEY + "?exp=1&sig=s";

        String clean = html.sanitize("<table width=\"600\"><tr><td align=\"center\" style=\"color:red;"
                + "background-image:url(https://tracker.example/a.png)\"><img src=\"" + logo + "\" alt=\"logo\">"
                + "<img src=\"https://tracker.example/p.gif\" alt=\"p\"><b onmouseover=\"x()\">Hi</b>"
                + "<a href=\"vbscript:x\">a</a><a href=\"https://jazz.example/\">b</a>"
                + "<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"
                + "<link rel=\"stylesheet\" href=\"https://evil.example/s.css\"><embed src=\"https://evil.example/e\">"
                + "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math></td></tr></table>");

        assertThat(clean)
                .contains("<table", "width=\"600\"", "align=\"center\"", "color:red", "<b>Hi</b>", "alt=\"logo\"")
                .contains("https://jazz.example/", "rel=\"noopener noreferrer\"")
                .doesNotContain(
                        "tracker.example",
                        "evil.example",
                        "onmouseover",
                        "vbscript",
                        "<base",
                        "<meta",
                        "<link",
                        "<embed",
                        "javascript",
                        "alt=\"p\"");
        assertThat(clean.split("<img", -1)).hasSize(2);
    }

    @Test
    void theTextPartReadsLikeTheHtml() {
        SiteMailHtml html = new SiteMailHtml(src -> false);

        String text = html.text("<h1>Hello &amp; welcome</h1><p>Line one<br>Line two</p><ul><li>a</li><li>b</li></ul>"
                + "<p>See <a href=\"https://jazz.example/menu\">the menu</a> or "
                + "<a href=\"mailto:desk@jazz.example\">desk@jazz.example</a></p><script>var secret = 1;</script>");

        assertThat(text)
                .startsWith("Hello & welcome")
                .contains("Line one\nLine two", "- a\n- b", "the menu (https://jazz.example/menu)")
                .contains("desk@jazz.example")
                .doesNotContain("mailto:", "secret", "<", "\n\n\n");
    }
}
