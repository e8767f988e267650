package dev.splitsim.core.config;

/**
 * One configuration key: its dotted name, how its value is written, the built-in default (used when
 * no profile sets it) and what it means. Every key of the machine is declared in one table.
 */
public record ConfigKey(String name, ValueKind kind, String defaultText, String description, String... choices) {
    public long parse(String text) {
        return kind.parse(name, text, choices);
    }
}
