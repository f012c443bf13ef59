package io.vivreal.core.web;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Writes the access lines ({@code vivreal.access}) off the request thread. The synchronous console
 * append — encoding, the write and its flush — took ~9 % of a lean Client API answer's CPU
 * (docs/BENCHMARKS.md, issue 13 item 1); behind a logback {@link AsyncAppender} the request thread
 * only captures the line (message, MDC with the request id, thread name) and queues it.
 *
 * <p>The queue is bounded ({@value #QUEUE_SIZE} lines) and never discards: every request still
 * gets its one access line. When the console cannot keep up and the queue is full, request threads
 * wait for room — as they waited for the console before — rather than drop lines. The lines go to
 * the same appenders as every other line (the root logger's, set up by Spring Boot, plain or JSON),
 * so their format does not change; only their order relative to other lines may. {@link #close}
 * (at shutdown, before the logging system stops the console) writes what is queued and puts the
 * access logger back on the console directly.
 */
public final class AccessLogAppender implements AutoCloseable {

    /** The access logger. */
    public static final String LOGGER = "vivreal.access";

    static final String NAME = "VIVREAL_ACCESS_ASYNC";
    static final int QUEUE_SIZE = 8192;

    private final Logger access;
    private final AsyncAppender async;

    private AccessLogAppender(Logger access, AsyncAppender async) {
        this.access = access;
        this.async = async;
    }

    /**
     * Puts the access logger behind a bounded asynchronous appender feeding the root logger's
     * appenders. Call after the logging system is configured (a reconfiguration removes it; calling
     * again puts it back). Changes nothing when logback is not the logging backend or the root
     * logger has no appender.
     */
    public static AccessLogAppender install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof LoggerContext context ? install(context) : new AccessLogAppender(null, null);
    }

    static synchronized AccessLogAppender install(LoggerContext context) {
        Logger access = context.getLogger(LOGGER);
        if (access.getAppender(NAME) instanceof AsyncAppender installed) {
            return new AccessLogAppender(access, installed);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        AsyncAppender async = new AsyncAppender();
        async.setName(NAME);
        async.setContext(context);
        async.setQueueSize(QUEUE_SIZE);
        // never drop a line, INFO included (logback drops below WARN at 80 % full by default)
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setIncludeCallerData(false);
        async.setMaxFlushTime(5_000);
        boolean any = false;
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            async.addAppender(new Forward(context, it.next()));
            any = true;
        }
        if (!any) {
            return new AccessLogAppender(null, null);
        }
        async.start();
        access.addAppender(async);
        access.setAdditive(false);
        return new AccessLogAppender(access, async);
    }

    /**
     * Writes the queued lines and sends later ones to the console directly, which stays open: the
     * logging system stops it after this.
     */
    @Override
    public void close() {
        if (access == null) {
            return;
        }
        synchronized (AccessLogAppender.class) {
            access.setAdditive(true);
            access.detachAppender(async);
        }
        async.stop();
    }

    /**
     * Hands lines on to one of the root logger's appenders without owning it: stopping the
     * asynchronous appender stops this, not the console every other line goes to.
     */
    private static final class Forward extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Appender<ILoggingEvent> target;

        Forward(LoggerContext context, Appender<ILoggingEvent> target) {
            this.target = target;
            setContext(context);
            setName("forward to " + target.getName());
            start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            target.doAppend(event);
        }
    }
}
