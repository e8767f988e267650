package dev.splitsim.core.config;

/** A bad configuration key or value; the message is one line meant for the user. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
