package io.coinwatch.core.messaging;

/**
 * A message that can never be processed as it stands (bad envelope or bad payload): it is parked at once with
 * this reason instead of being retried.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
