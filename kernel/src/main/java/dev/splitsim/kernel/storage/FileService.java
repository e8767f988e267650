package dev.splitsim.kernel.storage;

/**
 * How the process monitor reaches the storage monitor: {@link #call} takes a filled-in request and
 * returns with its reply filled in. The split machine sends it over the fabric and waits; the
 * all-local machine calls the storage monitor in-process, so both run the same file code.
 */
public interface FileService {
    void call(FileCall call);
}
