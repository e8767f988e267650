package dev.splitsim.tests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds optional external tools (qemu-riscv64, the cross compiler) on PATH. */
final class Tools {
    private Tools() {}

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
