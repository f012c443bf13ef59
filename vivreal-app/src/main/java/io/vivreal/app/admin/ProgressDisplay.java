package io.vivreal.app.admin;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How far a long operator command is. On a terminal: one bar redrawn in place (at most ten times
 * a second) and finished with a newline. Otherwise (a log, a pipe, CI): a plain line at each tenth
 * of the way, so a log shows progress without a line per unit.
 */
final class ProgressDisplay {

    static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    private long lastDraw;
    private int lastTenth = -1;
    private boolean open;

    ProgressDisplay(PrintStream out, String label, boolean terminal) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
    }

    /** Whether standard output is a terminal (the JDK's console is there only for an interactive session). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    synchronized void update(long done, long total) {
        long bounded = Math.max(0, Math.min(done, total));
        int percent = total <= 0 ? 100 : (int) (bounded * 100 / total);
        if (terminal) {
            long now = System.nanoTime();
            if (bounded < total && open && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = percent * WIDTH / 100;
            out.print(String.format(
                    Locale.ROOT,
                    "\r%s [%s%s] %3d%% %d/%d",
                    label,
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    percent,
                    bounded,
                    total));
            out.flush();
            open = true;
            if (bounded >= total) {
                finish();
            }
            return;
        }
        int tenth = percent / 10;
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.printf(Locale.ROOT, "%s: %d%% (%d of %d)%n", label, percent, bounded, total);
        }
    }

    /** Ends the bar's line, so what is printed next starts on its own. */
    synchronized void finish() {
        if (terminal && open) {
            out.println();
            open = false;
        }
    }
}
