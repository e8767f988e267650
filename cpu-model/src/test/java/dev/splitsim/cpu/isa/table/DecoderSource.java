package dev.splitsim.cpu.isa.table;

import dev.splitsim.cpu.isa.table.IsaTable.Compressed;
import dev.splitsim.cpu.isa.table.IsaTable.Immediate;
import dev.splitsim.cpu.isa.table.IsaTable.Instruction;
import dev.splitsim.cpu.isa.table.IsaTable.Nonzero;
import dev.splitsim.cpu.isa.table.IsaTable.Piece;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code Decoder.java}: nested switches on the instruction's fields, chosen so that every
 * row of a case fixes the field, down to one row (or a few told apart by their conditions), whose
 * remaining fixed bits are checked last. Every path so tests a row's whole mask, so the code says
 * exactly what the table says, and a major opcode (or compressed quadrant) with more than one row
 * gets a method of its own to keep each method small enough for the JIT.
 */
final class DecoderSource {
    /** Fields a 32-bit decision may switch on, in the order they are tried: {hi, lo}. */
    private static final int[][] FIELDS32 = {{6, 0}, {14, 12}, {31, 25}, {26, 25}, {31, 27}, {24, 20}, {31, 20},
        {19, 15}, {11, 7}};
    private static final int[][] FIELDS16 = {{1, 0}, {15, 13}, {12, 12}, {11, 10}, {6, 5}, {11, 7}, {6, 2}};

    /** One candidate of a decision: its bits, and the Java expression that decodes it. */
    private record Row(int match, int mask, String conditions, String value) {}

    private final IsaTable table;
    private final StringBuilder methods = new StringBuilder();
    private final Set<Immediate> used32 = new LinkedHashSet<>();
    private final Set<Immediate> used16 = new LinkedHashSet<>();

    private DecoderSource(IsaTable table) {
        this.table = table;
    }

    static String write(IsaTable table) {
        return new DecoderSource(table).source();
    }

    private String source() {
        List<Row> rows32 = new ArrayList<>();
        for (Instruction in : table.instructions) {
            rows32.add(new Row(in.match(), in.mask(), "", pack32(in)));
        }
        List<Row> rows16 = new ArrayList<>();
        for (Compressed c : table.compressed) {
            rows16.add(new Row(c.match(), c.mask(), conditions(c), pack16(c)));
        }
        StringBuilder top32 = new StringBuilder();
        majors(rows32, "w", "ILLEGAL32", 0x7f, top32, true);
        StringBuilder top16 = new StringBuilder();
        majors(rows16, "h", "ILLEGAL16", 0x3, top16, false);

        StringBuilder s = new StringBuilder();
        s.append(IsaGenerator.header("dev.splitsim.cpu.isa"));
        s.append("import static dev.splitsim.cpu.isa.Decoded.pack;\n\n");
        s.append("/**\n * Turns instruction bits into a packed {@link Decoded} value. Runs once per instruction per code\n"
                + " * page (the decode cache keeps the result). Generated from the instruction table: each switch\n"
                + " * is on a field every row under it fixes, and a row's other fixed bits are checked at its leaf.\n */\n");
        s.append("public final class Decoder {\n    private Decoder() {}\n\n");
        s.append("    private static final long ILLEGAL32 = pack(Op.ILLEGAL, false, 0, 0, 0, 0, 0, 0);\n");
        s.append("    private static final long ILLEGAL16 = pack(Op.ILLEGAL, true, 0, 0, 0, 0, 0, 0);\n\n");
        s.append("    /** Decodes a 32-bit instruction (low two bits 11); unknown bits give {@link Op#ILLEGAL}. */\n");
        s.append("    public static long decode32(int w) {\n").append(top32).append("    }\n\n");
        s.append("    /** Decodes and expands a 16-bit RVC instruction (low 16 bits of {@code half}). */\n");
        s.append("    public static long decode16(int half) {\n        int h = half & 0xffff;\n").append(top16)
                .append("    }\n");
        s.append(methods);
        for (Immediate imm : used32) {
            s.append(immediateMethod(imm, "w"));
        }
        for (Immediate imm : used16) {
            s.append(immediateMethod(imm, "h"));
        }
        s.append("}\n");
        return s.toString();
    }

    /** The top switch on the major opcode (or quadrant); each case with a decision to make becomes a method. */
    private void majors(List<Row> rows, String v, String illegal, int majorMask, StringBuilder out, boolean wide) {
        Map<Integer, List<Row>> byMajor = new LinkedHashMap<>();
        for (Row r : rows) {
            if ((r.mask & majorMask) != majorMask) {
                throw new IllegalArgumentException("a row does not fix its major opcode: 0x" + Integer.toHexString(r.match));
            }
            byMajor.computeIfAbsent(r.match & majorMask, k -> new ArrayList<>()).add(r);
        }
        out.append("        switch (").append(v).append(" & ").append(hex(majorMask)).append(") {\n");
        for (Map.Entry<Integer, List<Row>> e : byMajor.entrySet()) {
            List<Row> group = e.getValue();
            out.append("            case ").append(hex(e.getKey())).append(": ");
            if (group.size() == 1 && group.get(0).conditions.isEmpty()) {
                out.append(leaf(group.get(0), majorMask, v, illegal)).append('\n');
                continue;
            }
            String name = wide ? method(table.majors.get(e.getKey()), e.getKey()) : "quadrant" + e.getKey();
            out.append("return ").append(name).append('(').append(v).append(");\n");
            StringBuilder body = new StringBuilder();
            decide(group, majorMask, v, illegal, wide ? FIELDS32 : FIELDS16, 2, body);
            methods.append("\n    private static long ").append(name).append("(int ").append(v).append(") {\n")
                    .append(body).append("    }\n");
        }
        out.append("            default: return ").append(illegal).append(";\n        }\n");
    }

    private static String method(String major, int opcode) {
        if (major == null) {
            throw new IllegalArgumentException("major opcode " + hex(opcode) + " has several rows but no 'major' name");
        }
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : major.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** Code that returns the decoding of a word known to agree with {@code rows} on {@code decided}. */
    private void decide(List<Row> rows, int decided, String v, String illegal, int[][] fields, int depth,
            StringBuilder out) {
        String pad = "    ".repeat(depth);
        int[] field = splitter(rows, decided, fields);
        if (field == null) {
            for (Row r : rows) {
                int rest = r.mask & ~decided;
                String test = rest == 0 ? "" : "(" + v + " & " + hex(rest) + ") == " + hex(r.match & rest);
                String all = join(test, r.conditions);
                if (all.isEmpty()) {
                    out.append(pad).append("return ").append(r.value).append(";\n");
                    return;
                }
                out.append(pad).append("if (").append(all).append(") {\n").append(pad).append("    return ")
                        .append(r.value).append(";\n").append(pad).append("}\n");
            }
            out.append(pad).append("return ").append(illegal).append(";\n");
            return;
        }
        int width = field[0] - field[1] + 1;
        int fieldMask = ((1 << width) - 1) << field[1];
        Map<Integer, List<Row>> byValue = new LinkedHashMap<>();
        for (Row r : rows) {
            byValue.computeIfAbsent((r.match & fieldMask) >>> field[1], k -> new ArrayList<>()).add(r);
        }
        String expr = field[0] == 31 ? v + " >>> " + field[1]
                : "(" + v + " >>> " + field[1] + ") & " + hex((1 << width) - 1);
        out.append(pad).append("switch (").append(expr).append(") {\n");
        for (Map.Entry<Integer, List<Row>> e : byValue.entrySet()) {
            List<Row> group = e.getValue();
            out.append(pad).append("    case ").append(hex(e.getKey())).append(':');
            if (group.size() == 1 && group.get(0).conditions.isEmpty()) {
                out.append(' ').append(leaf(group.get(0), decided | fieldMask, v, illegal)).append('\n');
            } else {
                out.append(" {\n");
                decide(group, decided | fieldMask, v, illegal, fields, depth + 2, out);
                out.append(pad).append("    }\n");
            }
        }
        out.append(pad).append("    default: return ").append(illegal).append(";\n").append(pad).append("}\n");
    }

    private static String leaf(Row r, int decided, String v, String illegal) {
        int rest = r.mask & ~decided;
        if (rest == 0) {
            return "return " + r.value + ";";
        }
        return "return (" + v + " & " + hex(rest) + ") == " + hex(r.match & rest) + " ? " + r.value + " : " + illegal
                + ";";
    }

    /** The first field not yet decided that every row fixes and that tells at least two of them apart. */
    private static int[] splitter(List<Row> rows, int decided, int[][] fields) {
        for (int[] f : fields) {
            int m = (int) ((1L << (f[0] - f[1] + 1)) - 1) << f[1];
            if ((m & decided) != 0) {
                continue;
            }
            boolean fixedByAll = true;
            Set<Integer> values = new LinkedHashSet<>();
            for (Row r : rows) {
                fixedByAll &= (r.mask & m) == m;
                values.add(r.match & m);
            }
            if (fixedByAll && values.size() > 1) {
                return f;
            }
        }
        return null;
    }

    private String pack32(Instruction in) {
        if (in.imm() != null) {
            used32.add(in.imm());
        }
        return "pack(Op." + in.constant() + ", false, " + reg32(in, "rd", 7) + ", " + reg32(in, "rs1", 15) + ", "
                + reg32(in, "rs2", 20) + ", " + (in.aqrl() ? "(w >>> 25) & 3" : reg32(in, "rs3", 27)) + ", "
                + (in.rm() ? "(w >>> 12) & 7" : "0") + ", "
                + (in.imm() == null ? "0" : immediateName(in.imm()) + "(w)") + ")";
    }

    private static String reg32(Instruction in, String field, int lo) {
        if (!in.registers().containsKey(field)) {
            return "0";
        }
        return lo == 27 ? "w >>> 27" : "(w >>> " + lo + ") & 31";
    }

    private String pack16(Compressed c) {
        Instruction base = c.base();
        String imm = c.assign().get("imm");
        return "pack(Op." + base.constant() + ", true, " + source16(c.assign().get("rd")) + ", "
                + source16(c.assign().get("rs1")) + ", " + source16(c.assign().get("rs2")) + ", 0, 0, "
                + (imm == null ? "0" : source16(imm)) + ")";
    }

    private String source16(String source) {
        if (source == null) {
            return "0";
        }
        switch (source) {
            case "rd": return "(h >>> 7) & 31";
            case "rs2": return "(h >>> 2) & 31";
            case "rd'": case "rs2'": return "8 + ((h >>> 2) & 7)";
            case "rs1'": return "8 + ((h >>> 7) & 7)";
            default:
                Immediate imm = table.immediates.get(source);
                if (imm == null) {
                    return source;
                }
                used16.add(imm);
                return immediateName(imm) + "(h)";
        }
    }

    private String conditions(Compressed c) {
        String all = "";
        for (Nonzero n : c.when()) {
            String field = n.field().equals("imm") ? source16(c.assign().get("imm"))
                    : source16(n.field());
            all = join(all, (field.contains(" ") && !field.endsWith(")") ? "(" + field + ")" : field) + " != "
                    + n.value());
        }
        return all;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " && " + b;
    }

    static String immediateName(Immediate imm) {
        return "imm" + Character.toUpperCase(imm.name().charAt(0)) + imm.name().substring(1);
    }

    private static String immediateMethod(Immediate imm, String v) {
        StringBuilder e = new StringBuilder();
        for (Piece p : imm.pieces()) {
            if (e.length() > 0) {
                e.append(" | ");
            }
            boolean top = p.hi() == 31;
            String bits = top ? v + " >>> " + p.lo() : "(" + v + " >>> " + p.lo() + ") & " + hex((1 << p.width()) - 1);
            if (p.lo() == p.to() && !top) {
                // Bits that stay in place need only their mask.
                e.append("(").append(v).append(" & ").append(hex(((1 << p.width()) - 1) << p.lo())).append(")");
            } else if (p.to() == 0) {
                e.append(top ? bits : "(" + bits + ")");
            } else {
                e.append("(").append(bits).append(") << ").append(p.to());
            }
        }
        int unused = 32 - imm.width();
        String body = imm.signed() && unused > 0 ? "(" + e + ") << " + unused + " >> " + unused : e.toString();
        return "\n    /** Immediate " + imm.name() + (imm.signed() ? ", sign-extended" : "") + ". */\n"
                + "    private static int " + immediateName(imm) + "(int " + v + ") {\n        return " + body
                + ";\n    }\n";
    }

    static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
