package io.vivreal.distribution.delivery;

/**
 * What a delivery came to: {@code delivered} (the remote answered 2xx) or {@code failed}, the
 * remote's HTTP status when there was one, and a short reason when there was none.
 */
public record DeliveryResult(String status, Integer remoteStatus, String error) {

    static DeliveryResult answered(int remoteStatus) {
        return new DeliveryResult(
                remoteStatus >= 200 && remoteStatus < 300 ? "delivered" : "failed", remoteStatus, null);
    }

    static DeliveryResult unreachable(String error) {
        return new DeliveryResult("failed", null, error);
    }
}
