package io.vivreal.management.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would run as a formula are defused; everything else stays as it was. */
class SubscriberCsvTests {

    @Test
    void formulaStartsArePrefixedWithAQuote() {
        assertThat(SubscriberCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(SubscriberCsv.cell("+1@example.com")).isEqualTo("'+1@example.com");
        assertThat(SubscriberCsv.cell("-1@example.com")).isEqualTo("'-1@example.com");
        assertThat(SubscriberCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SubscriberCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(SubscriberCsv.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
    }

    @Test
    void ordinaryValuesAreUnchangedAndSeparatorsAreQuoted() {
        assertThat(SubscriberCsv.cell("reader@example.com")).isEqualTo("reader@example.com");
        assertThat(SubscriberCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SubscriberCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SubscriberCsv.cell("")).isEmpty();
        assertThat(SubscriberCsv.cell(null)).isEmpty();
    }
}
