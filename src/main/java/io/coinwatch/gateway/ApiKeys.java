package io.coinwatch.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys (coinwatch.gateway.api-keys, from COINWATCH_API_KEYS: {@code name:secret} pairs separated by
 * commas). A client that sends a known key is counted under the key's name instead of its address; the secret itself
 * is never stored or logged.
 */
public final class ApiKeys {

    /** Longer than any key we hand out: a longer header is malformed, not looked up. */
    static final int MAX_LENGTH = 256;
    private static final int MIN_SECRET_LENGTH = 16;

    /** secret bytes -> name */
    private final Map<String, byte[]> secretsByName = new LinkedHashMap<>();

    public ApiKeys(String configured) {
        if (configured == null || configured.isBlank()) {
            return;
        }
        for (String entry : configured.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("coinwatch.gateway.api-keys: an entry is not name:secret (entry "
                        + (secretsByName.size() + 1) + ")");
            }
            String name = trimmed.substring(0, colon);
            String secret = trimmed.substring(colon + 1);
            if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_LENGTH || !wellFormed(secret)) {
                throw new IllegalArgumentException("coinwatch.gateway.api-keys: the key of '" + name + "' must be "
                        + MIN_SECRET_LENGTH + " to " + MAX_LENGTH + " printable ASCII characters");
            }
            secretsByName.put(name, secret.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The name of the key presented, or empty when it is unknown or malformed. */
    public Optional<String> identify(String presented) {
        if (presented == null || presented.length() > MAX_LENGTH || !wellFormed(presented)) {
            return Optional.empty();
        }
        byte[] bytes = presented.getBytes(StandardCharsets.US_ASCII);
        String found = null;
        // Every key compared in constant time, so the answer's timing tells nothing about how close a guess was.
        for (Map.Entry<String, byte[]> key : secretsByName.entrySet()) {
            if (MessageDigest.isEqual(key.getValue(), bytes)) {
                found = key.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return secretsByName.size();
    }

    private static boolean wellFormed(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
