package dev.splitsim.cpu.isa.table;

import dev.splitsim.cpu.isa.table.IsaTable.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the sources the instruction table defines: {@code Op}, {@code Encodings},
 * {@code InstructionFlags}, {@code Decoder} and {@code InstructionText} in {@code cpu.isa},
 * {@code InstructionClass} in {@code cpu.timing}, and {@code FpuCalls} in {@code cpu.exec}. They
 * are committed; {@link IsaSourcesTest} fails while they differ from what the table gives, and
 * writes them when run with {@code -Disa.regenerate=true}. They are generated before the build
 * rather than during it so that the sources a reader opens are the sources that run.
 */
public final class IsaGenerator {
    private static final String ISA = "src/main/java/dev/splitsim/cpu/isa/";
    private static final String TIMING = "src/main/java/dev/splitsim/cpu/timing/";
    private static final String EXEC = "src/main/java/dev/splitsim/cpu/exec/";

    private IsaGenerator() {}

    public static void main(String[] args) throws IOException {
        try {
            write(generate(IsaTable.read()));
        } catch (IllegalArgumentException e) {
            System.err.println("isa generator: " + e.getMessage());
            System.exit(2);
        }
    }

    static void write(Map<Path, String> files) throws IOException {
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Every generated file, by its path relative to the cpu-model folder. */
    static Map<Path, String> generate(IsaTable table) {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(Path.of(ISA + "Op.java"), op(table));
        files.put(Path.of(ISA + "Encodings.java"), encodings(table));
        files.put(Path.of(ISA + "InstructionFlags.java"), flags(table));
        files.put(Path.of(ISA + "Decoder.java"), DecoderSource.write(table));
        files.put(Path.of(ISA + "InstructionText.java"), TextSource.write(table));
        files.put(Path.of(TIMING + "InstructionClass.java"), timing(table));
        files.put(Path.of(EXEC + "FpuCalls.java"), FpuCallsSource.write(table));
        return files;
    }

    static String header(String pkg) {
        return "// Generated from src/main/isa/rv64gc.isa by IsaGenerator (cpu-model tests): edit the table, not this.\n"
                + "package " + pkg + ";\n\n";
    }

    private static String op(IsaTable t) {
        StringBuilder s = new StringBuilder(header("dev.splitsim.cpu.isa"));
        s.append("/**\n * Integer opcode of every RV64GC instruction, the value the interpreter switches on: the\n"
                + " * instruction's place in the instruction table.\n *\n"
                + " * <p>Names are the assembler mnemonic in upper case with dots as underscores. Compressed\n"
                + " * instructions have no opcode of their own: the decoder expands them to the base instruction\n"
                + " * they stand for and sets the compressed flag in {@link Decoded}.\n */\n");
        s.append("public final class Op {\n    private Op() {}\n\n");
        s.append("    /** Anything the decoder does not recognise; executing it raises an illegal-instruction trap. */\n");
        s.append("    public static final int ILLEGAL = 0;\n");
        for (Instruction in : t.instructions) {
            s.append("    public static final int ").append(in.constant()).append(" = ").append(in.op()).append(";\n");
        }
        s.append("\n    /** One past the largest opcode: the size of per-opcode tables. */\n");
        s.append("    public static final int COUNT = ").append(t.instructions.size() + 1).append(";\n}\n");
        return s.toString();
    }

    private static String encodings(IsaTable t) {
        StringBuilder s = new StringBuilder(header("dev.splitsim.cpu.isa"));
        s.append("import java.util.List;\n\n");
        s.append("/**\n * Every 32-bit RV64GC encoding as a (mask, match) pair per opcode: a word is the instruction when\n"
                + " * {@code (word & mask) == match}. Compressed forms are expansions, decoded by {@link Decoder#decode16}.\n"
                + " */\n");
        s.append("public final class Encodings {\n    private Encodings() {}\n\n");
        s.append("    /** One encoding: the opcode, and the bits that identify it. */\n");
        s.append("    public record Row(int op, int mask, int match) {\n        public boolean matches(int word) {\n"
                + "            return (word & mask) == match;\n        }\n    }\n\n");
        s.append("    public static final List<Row> ALL = List.of(\n");
        for (int i = 0; i < t.instructions.size(); i++) {
            Instruction in = t.instructions.get(i);
            s.append(String.format("            new Row(Op.%s, 0x%08x, 0x%08x)%s%n", in.constant(), in.mask(), in.match(),
                    i + 1 < t.instructions.size() ? "," : ");"));
        }
        s.append("}\n");
        return s.toString();
    }

    private static String flags(IsaTable t) {
        StringBuilder s = new StringBuilder(header("dev.splitsim.cpu.isa"));
        s.append("/**\n * What the instruction table says of each opcode beyond its encoding: whether it sets the pc,\n"
                + " * accesses data memory, may trap, needs the FP unit, and ends a decoded block.\n */\n");
        s.append("public final class InstructionFlags {\n    private InstructionFlags() {}\n\n");
        List<String> names = IsaTable.FLAG_NAMES;
        for (int k = 0; k < names.size(); k++) {
            s.append("    public static final int ").append(flagConstant(names.get(k))).append(" = ").append(1 << k)
                    .append(";\n");
        }
        s.append("\n    private static final byte[] FLAGS = {\n        ").append(flagExpr(t.illegalFlags))
                .append(", // illegal\n");
        for (Instruction in : t.instructions) {
            s.append("        ").append(flagExpr(in.flags())).append(", // ").append(in.mnemonic()).append('\n');
        }
        s.append("    };\n\n");
        s.append("    /** The flags of opcode {@code op}, an OR of the constants above. */\n");
        s.append("    public static int of(int op) {\n        return FLAGS[op];\n    }\n\n");
        s.append("    public static boolean endsBlock(int op) {\n        return (FLAGS[op] & ENDS_BLOCK) != 0;\n    }\n}\n");
        return s.toString();
    }

    private static String flagConstant(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String flagExpr(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < IsaTable.FLAG_NAMES.size(); k++) {
            if ((flags & 1 << k) != 0) {
                b.append(b.length() == 0 ? "" : " | ").append(flagConstant(IsaTable.FLAG_NAMES.get(k)));
            }
        }
        return b.toString();
    }

    private static String timing(IsaTable t) {
        StringBuilder s = new StringBuilder(header("dev.splitsim.cpu.timing"));
        s.append("/**\n * What the timing model needs to know of each opcode, from the instruction table: its pipeline\n"
                + " * class (which latency it pays), and which register file each of rs1, rs2, rs3 and rd reads or\n"
                + " * writes (X, F, or NONE when the field names no register).\n */\n");
        s.append("final class InstructionClass {\n    private InstructionClass() {}\n\n");
        for (int k = 0; k < t.classes.size(); k++) {
            s.append("    static final int ").append(t.classes.get(k).toUpperCase(Locale.ROOT)).append(" = ").append(k)
                    .append(";\n");
        }
        s.append("    static final int CLASSES = ").append(t.classes.size()).append(";\n\n");
        s.append("    static final int NONE = 0;\n    static final int X = 1;\n    static final int F = 2;\n\n");
        s.append("    /** Per opcode: class | src1 kind << 8 | src2 kind << 10 | src3 kind << 12 | dest kind << 14. */\n");
        s.append("    static final int[] INFO = {\n");
        s.append("        info(").append(t.classes.get(t.illegalClass).toUpperCase(Locale.ROOT))
                .append(", NONE, NONE, NONE, NONE), // illegal\n");
        for (Instruction in : t.instructions) {
            s.append("        info(").append(t.classes.get(in.pipelineClass()).toUpperCase(Locale.ROOT)).append(", ")
                    .append(kind(in, "rs1")).append(", ").append(kind(in, "rs2")).append(", ").append(kind(in, "rs3"))
                    .append(", ").append(kind(in, "rd")).append("), // ").append(in.mnemonic()).append('\n');
        }
        s.append("    };\n\n");
        for (String[] f : new String[][] {{"pipelineClass", "info & 0xff"}, {"src1", "(info >>> 8) & 3"},
            {"src2", "(info >>> 10) & 3"}, {"src3", "(info >>> 12) & 3"}, {"dest", "(info >>> 14) & 3"}}) {
            s.append("    static int ").append(f[0]).append("(int info) {\n        return ").append(f[1])
                    .append(";\n    }\n\n");
        }
        s.append("    private static int info(int cls, int s1, int s2, int s3, int d) {\n"
                + "        return cls | (s1 << 8) | (s2 << 10) | (s3 << 12) | (d << 14);\n    }\n}\n");
        return s.toString();
    }

    private static String kind(Instruction in, String field) {
        switch (in.file(field)) {
            case 'x': return "X";
            case 'f': return "F";
            default: return "NONE";
        }
    }
}
