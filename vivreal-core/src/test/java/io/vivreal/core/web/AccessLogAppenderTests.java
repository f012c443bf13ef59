package io.vivreal.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The access lines go through a bounded asynchronous appender: each line still arrives once, with
 * the request's MDC (the request id) as it was on the request thread, and a full queue makes the
 * writer wait instead of dropping a line.
 */
class AccessLogAppenderTests {

    /** Collects lines; blocks every append until opened. */
    static final class Gate extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        protected void append(ILoggingEvent event) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(event);
        }
    }

    private static Gate context(LoggerContext context) {
        context.setMDCAdapter(MDC.getMDCAdapter());
        Gate gate = new Gate();
        gate.setContext(context);
        gate.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(gate);
        return gate;
    }

    @Test
    void accessLinesKeepTheirRequestIdAndArriveOnceOffTheRequestThread() {
        LoggerContext context = new LoggerContext();
        Gate gate = context(context);
        gate.open.countDown();
        AccessLogAppender installed = AccessLogAppender.install(context);
        AccessLogAppender.install(context);
        Logger access = context.getLogger(AccessLogAppender.LOGGER);
        assertThat(access.getAppender(AccessLogAppender.NAME)).isInstanceOf(AsyncAppender.class);

        MDC.put(RequestLog.REQUEST_ID, "site-build-0042");
        try {
            access.info("{} {} {} {}ms", "GET", "/tenant/collectionObjects", 200, 1);
        } finally {
            MDC.remove(RequestLog.REQUEST_ID);
        }
        context.getLogger("other").info("not an access line");
        installed.close(); // writes what is queued
        access.info("after close");

        List<ILoggingEvent> lines = gate.lines;
        assertThat(lines)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactlyInAnyOrder(
                        "GET /tenant/collectionObjects 200 1ms", "not an access line", "after close");
        ILoggingEvent line = lines.stream()
                .filter(e -> e.getFormattedMessage().startsWith("GET"))
                .findFirst()
                .orElseThrow();
        assertThat(line.getMDCPropertyMap()).containsEntry(RequestLog.REQUEST_ID, "site-build-0042");
        assertThat(line.getThreadName()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aFullQueueMakesTheWriterWaitAndNoLineIsDropped() throws Exception {
        LoggerContext context = new LoggerContext();
        Gate gate = context(context);
        AccessLogAppender installed = AccessLogAppender.install(context);
        Logger access = context.getLogger(AccessLogAppender.LOGGER);
        AsyncAppender async = (AsyncAppender) access.getAppender(AccessLogAppender.NAME);
        int lines = AccessLogAppender.QUEUE_SIZE + 500;
        Thread writer = new Thread(() -> {
            for (int i = 0; i < lines; i++) {
                access.info("GET /tenant/collectionObjects 200 {}", i);
            }
        });
        writer.start();
        // the console (the gate) is stuck: the queue fills and the writer has to wait for room
        while (async.getRemainingCapacity() > 0 && writer.isAlive()) {
            Thread.onSpinWait();
        }
        assertThat(writer.isAlive())
                .as("the writer waits while the queue is full")
                .isTrue();
        gate.open.countDown();
        writer.join();
        installed.close();

        assertThat(gate.lines).hasSize(lines);
        assertThat(gate.lines.get(lines - 1).getFormattedMessage())
                .isEqualTo("GET /tenant/collectionObjects 200 " + (lines - 1));
    }
}
