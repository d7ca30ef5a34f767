package io.coinwatch.core.legacy;

/** A legacy import that cannot go on: the message is what the status and the log show. */
public class LegacyImportException extends RuntimeException {

    public LegacyImportException(String message) {
        super(message);
    }

    public LegacyImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
