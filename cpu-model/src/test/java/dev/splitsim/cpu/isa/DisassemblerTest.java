package dev.splitsim.cpu.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The disassembler against GNU objdump on the guest programs, and on hand-checked words. */
final class DisassemblerTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{4,8})\\s+(\\S+)(?:\\s+(\\S+))?");

    @Test
    void handCheckedWords() {
        assertThat(Disassembler.disassemble(0x1000, 0x00a50533)).isEqualTo("add\ta0,a0,a0");
        assertThat(Disassembler.disassemble(0x1000, 0x00008067)).isEqualTo("ret");
        assertThat(Disassembler.disassemble(0x1000, 0xfe0718e3)).isEqualTo("bnez\ta4,0xff0");
        assertThat(Disassembler.disassemble(0x1000, 0x4515)).isEqualTo("li\ta0,5");
        assertThat(Disassembler.disassemble(0x1000, 0x02b50553)).isEqualTo("fadd.d\tfa0,fa0,fa1,rne");
        assertThat(Disassembler.disassemble(0x1000, 0x0ff0000f)).isEqualTo("fence");
        assertThat(Disassembler.disassemble(0x1000, 0xffffffff)).isEqualTo(".word\t0xffffffff");
        assertThat(Disassembler.disassemble(0x1000, 0x0000)).isEqualTo("unimp");
        assertThat(Disassembler.disassemble(0x1000, 0xc0002573)).isEqualTo("rdcycle\ta0");
    }

    @Test
    void matchesObjdumpOnEveryGuestProgram() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("riscv64-linux-gnu-objdump"),
                "riscv64-linux-gnu-objdump is not installed: skipping the comparison with objdump");
        Path bin = Path.of("").toAbsolutePath().getParent().resolve("programs/bin");
        List<Path> programs = new ArrayList<>();
        try (var s = Files.list(bin)) {
            s.sorted().forEach(programs::add);
        }
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path p : programs) {
            Process proc = new ProcessBuilder("riscv64-linux-gnu-objdump", "-d", p.toString()).start();
            String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor()).isZero();
            for (String line : text.split("\n")) {
                String clean = line.replaceAll("\\s*<[^>]*>\\s*$", "").replaceAll("\\s*#.*$", "");
                Matcher m = LINE.matcher(clean);
                if (!m.find()) {
                    continue;
                }
                long pc = Long.parseLong(m.group(1), 16);
                int word = (int) Long.parseLong(m.group(2), 16);
                if (m.group(2).length() == 4 && (word & 3) == 3) {
                    // A lone halfword that would begin a 32-bit instruction: objdump's ".2byte" filler.
                    continue;
                }
                String want = m.group(3) + (m.group(4) != null ? "\t" + m.group(4) : "");
                String got = Disassembler.disassemble(pc, word);
                compared++;
                if (!got.equals(want) && mismatches.size() < 20) {
                    mismatches.add(p.getFileName() + " " + m.group(1) + ": objdump '" + want + "' vs '" + got + "'");
                }
            }
        }
        assertThat(compared).isGreaterThan(100_000);
        assertThat(mismatches).isEmpty();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
