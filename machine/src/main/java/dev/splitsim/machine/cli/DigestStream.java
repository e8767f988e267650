package dev.splitsim.machine.cli;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A guest stream that keeps only the SHA-256 of what was written, so a chatty guest costs no memory. */
final class DigestStream extends OutputStream {
    private final MessageDigest digest;

    DigestStream() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void write(int b) {
        digest.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
