package io.vivreal.core.mail;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MailSender}: one mail thread and a queue of at most {@code capacity} messages in
 * front of a {@link MailDelivery}. A failed delivery is tried once more after a pause; failures
 * are logged by exception type only (an SMTP answer may quote the message).
 */
public final class BoundedMailSender implements MailSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BoundedMailSender.class);
    static final int ATTEMPTS = 2;

    private final MailDelivery delivery;
    private final ThreadPoolExecutor executor;
    private final Duration retryPause;

    BoundedMailSender(MailDelivery delivery, int capacity, Duration retryPause) {
        this.delivery = delivery;
        this.retryPause = retryPause;
        this.executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), runnable -> {
                    Thread thread = new Thread(runnable, "mail");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public boolean send(MailMessage message) {
        try {
            executor.execute(() -> deliver(message));
            return true;
        } catch (RejectedExecutionException e) {
            log.warn(
                    "mail queue full ({} waiting): a mail was not sent",
                    executor.getQueue().size());
            return false;
        }
    }

    @Override
    public void sendNow(MailMessage message) throws MailFailure {
        try {
            delivery.deliver(message);
        } catch (MailFailure e) {
            throw e;
        } catch (Exception e) {
            throw new MailFailure(false, e.getClass().getName());
        }
    }

    private void deliver(MailMessage message) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                delivery.deliver(message);
                return;
            } catch (Exception e) {
                log.warn(
                        "mail delivery attempt {}/{} through {} failed: {}",
                        attempt,
                        ATTEMPTS,
                        delivery.describe(),
                        e.getClass().getName());
                if (attempt < ATTEMPTS && !pause()) {
                    return;
                }
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(retryPause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Mail already queued gets a few seconds to go out at shutdown. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
