package dev.splitsim.kernel.storage;

import java.nio.charset.StandardCharsets;

/**
 * The guest paths a request carries in its data, each ended by a NUL (rename carries two). Bytes
 * without a final NUL (a damaged request) are taken as the path as they are.
 */
final class RequestPaths {
    private RequestPaths() {}

    static String first(FileCall c) {
        return path(c, 0);
    }

    static String second(FileCall c) {
        return path(c, 1);
    }

    private static String path(FileCall c, int which) {
        byte[] d = c.data();
        int n = c.dataLength();
        int start = 0;
        for (int k = 0; k < which; k++) {
            while (start < n && d[start] != 0) {
                start++;
            }
            start = Math.min(n, start + 1);
        }
        int end = start;
        while (end < n && d[end] != 0) {
            end++;
        }
        return new String(d, start, end - start, StandardCharsets.UTF_8);
    }
}
