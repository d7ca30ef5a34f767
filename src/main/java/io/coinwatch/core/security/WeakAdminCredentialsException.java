package io.coinwatch.core.security;

/** A secured start without acceptable admin credentials; the message says what is wrong, never the password. */
public class WeakAdminCredentialsException extends IllegalStateException {

    public WeakAdminCredentialsException(String weakness) {
        super("Coinwatch needs admin credentials outside the dev, demo and test profiles: " + weakness);
    }
}
