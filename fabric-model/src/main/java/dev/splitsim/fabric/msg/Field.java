package dev.splitsim.fabric.msg;

/** One fixed field of a message header: its name and its size in bytes on the wire. */
public record Field(String name, int bytes) {
    static Field f(String name, int bytes) {
        return new Field(name, bytes);
    }
}
