package io.vivreal.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressDisplayTests {

    @Test
    void plainOutputPrintsALineAtEachTenthNotPerUnit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay progress =
                new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), "backup", false);
        for (int i = 0; i <= 1000; i++) {
            progress.update(i, 1000);
        }
        progress.finish();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).isEqualTo("backup: 0% (0 of 1000)");
        assertThat(lines[5]).isEqualTo("backup: 50% (500 of 1000)");
        assertThat(lines[10]).isEqualTo("backup: 100% (1000 of 1000)");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void aTerminalGetsOneBarRedrawnInPlaceThatEndsFull() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay progress =
                new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), "restore", true);
        progress.update(0, 4);
        progress.update(4, 4);
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\rrestore [" + ".".repeat(ProgressDisplay.WIDTH) + "]   0% 0/4");
        assertThat(shown).endsWith("\rrestore [" + "#".repeat(ProgressDisplay.WIDTH) + "] 100% 4/4\n");
        assertThat(shown.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void aTotalOfZeroIsDoneAndNothingIsOutOfRange() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay progress =
                new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), "x", false);
        progress.update(5, 0);
        progress.update(-3, 10);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("x: 100% (0 of 0)\n");
    }
}
