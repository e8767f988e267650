package dev.splitsim.cpu.isa.table;

import dev.splitsim.cpu.isa.table.IsaTable.Instruction;
import java.util.List;

/**
 * Writes {@code FpuCalls.java}: for each instruction the table gives an Fpu method, the method's
 * name and how it is called, both derived from the instruction's fields so that the interpreter's
 * call and a compiled block's cannot disagree. The arguments are the sources in field order, then
 * the rounding mode where the fields decode one (its resolution may trap even where the method
 * ignores it); the result goes to the file rd names.
 */
final class FpuCallsSource {
    private FpuCallsSource() {}

    static String write(IsaTable t) {
        StringBuilder s = new StringBuilder(IsaGenerator.header("dev.splitsim.cpu.exec"));
        s.append("import dev.splitsim.cpu.isa.Op;\n\n");
        s.append("/**\n * Which {@link Fpu} method computes each F and D instruction, and how it is called: its sources\n"
                + " * (rs1, rs2, rs3 from the FP registers in that order, or rs1 from the integer ones), whether it\n"
                + " * takes the resolved rounding mode, and whether its result goes to an integer register. The\n"
                + " * interpreter computes through {@link #compute}; compiled blocks call the method by name with\n"
                + " * the descriptor its shape gives. FP loads, stores and moves are not Fpu calls: their shape is 0.\n"
                + " */\n");
        s.append("final class FpuCalls {\n    private FpuCalls() {}\n\n");
        s.append("    /** The number of FP sources, or SRC_X for one integer source; a shape's SRC_MASK bits. */\n");
        s.append("    static final int SRC_F1 = 1;\n    static final int SRC_F2 = 2;\n    static final int SRC_F3 = 3;\n"
                + "    static final int SRC_X = 4;\n    static final int SRC_MASK = 7;\n");
        s.append("    /** Takes the rounding mode, which is resolved (and may trap) even where the method ignores it. */\n");
        s.append("    static final int ROUNDS = 8;\n");
        s.append("    /** Writes an integer register. */\n    static final int TO_X = 16;\n\n");
        s.append("    private static final byte[] SHAPES = new byte[Op.COUNT];\n");
        s.append("    private static final String[] METHODS = new String[Op.COUNT];\n\n");
        s.append("    static {\n");
        for (Instruction in : t.instructions) {
            if (in.fpu() != null) {
                s.append("        call(Op.").append(in.constant()).append(", \"").append(in.fpu()).append("\", ")
                        .append(shape(in)).append(");\n");
            }
        }
        s.append("    }\n\n");
        s.append("    private static void call(int op, String method, int shape) {\n"
                + "        METHODS[op] = method;\n        SHAPES[op] = (byte) shape;\n    }\n\n");
        s.append("    /** How opcode {@code op} calls its Fpu method, an OR of the constants above; 0 when it has none. */\n");
        s.append("    static int shape(int op) {\n        return SHAPES[op];\n    }\n\n");
        s.append("    /** The name of the Fpu method behind opcode {@code op}, or null. */\n");
        s.append("    static String method(int op) {\n        return METHODS[op];\n    }\n\n");
        s.append("    /**\n     * The result of opcode {@code op}, one with a method: {@code a}, {@code b}, {@code c} are its\n"
                + "     * sources in order and {@code rm} the resolved rounding mode, each ignored when its shape does\n"
                + "     * not take it.\n     */\n");
        s.append("    static long compute(Fpu u, int op, long a, long b, long c, int rm) {\n        switch (op) {\n");
        for (Instruction in : t.instructions) {
            if (in.fpu() != null) {
                s.append("            case Op.").append(in.constant()).append(": return u.").append(in.fpu()).append('(')
                        .append(arguments(in)).append(");\n");
            }
        }
        s.append("            default: throw new IllegalArgumentException(\"no Fpu method computes opcode \" + op);\n");
        s.append("        }\n    }\n}\n");
        return s.toString();
    }

    private static String shape(Instruction in) {
        String shape = in.file("rs1") == 'x' ? "SRC_X" : "SRC_F" + fpSources(in);
        if (in.rm()) {
            shape += " | ROUNDS";
        }
        if (in.file("rd") == 'x') {
            shape += " | TO_X";
        }
        return shape;
    }

    private static String arguments(Instruction in) {
        String args = in.file("rs1") == 'x' ? "a" : String.join(", ", List.of("a", "b", "c").subList(0, fpSources(in)));
        return in.rm() ? args + ", rm" : args;
    }

    /** The table allows only rs1, rs1 and rs2, or all three as an fpu method's FP sources. */
    private static int fpSources(Instruction in) {
        int n = 0;
        for (String field : new String[] {"rs1", "rs2", "rs3"}) {
            n += in.file(field) == 'f' ? 1 : 0;
        }
        return n;
    }
}
