package dev.splitsim.cpu.isa.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The instruction table ({@code src/main/isa/rv64gc.isa}) read into plain records; its header
 * describes the format. A malformed line is refused with its line number.
 */
final class IsaTable {
    /** The table, relative to the cpu-model module (the working folder of its tests). */
    static final Path FILE = Path.of("src/main/isa/rv64gc.isa");

    static final List<String> FLAG_NAMES = List.of("control", "memory", "may-trap", "fp", "ends-block");
    private static final Set<String> REGISTER_FIELDS = Set.of("rd", "rs1", "rs2", "rs3");
    private static final Set<String> COMPRESSED_SOURCES = Set.of("rd", "rs2", "rd'", "rs1'", "rs2'");

    /** Instruction bits {@code hi..lo} placed at immediate bit {@code to} and up. */
    record Piece(int hi, int lo, int to) {
        int width() {
            return hi - lo + 1;
        }
    }

    record Immediate(String name, boolean signed, List<Piece> pieces) {
        int width() {
            int top = 0;
            for (Piece p : pieces) {
                top = Math.max(top, p.to + p.width());
            }
            return top;
        }

        /** The immediate of {@code word}, computed from the pieces (the generated code's reference). */
        int extract(int word) {
            int v = 0;
            for (Piece p : pieces) {
                v |= ((word >>> p.lo) & ((1 << p.width()) - 1)) << p.to;
            }
            int unused = 32 - width();
            return signed && unused > 0 ? (v << unused) >> unused : v;
        }
    }

    /**
     * A 32-bit instruction; {@code registers} maps rd/rs1/rs2/rs3 to their file: x, f or n;
     * {@code fpu} names the Fpu method that computes it, or is null.
     */
    record Instruction(int op, String mnemonic, int match, int mask, Map<String, Character> registers, boolean rm,
            boolean aqrl, Immediate imm, String syntax, int pipelineClass, int flags, String fpu) {
        String constant() {
            return constantOf(mnemonic);
        }

        char file(String field) {
            Character f = registers.get(field);
            return f == null ? '-' : f;
        }
    }

    /** A condition on compressed fields without which the word is reserved: {@code field != value}. */
    record Nonzero(String field, int value) {}

    record Compressed(String mnemonic, int match, int mask, Instruction base, Map<String, String> assign,
            List<Nonzero> when) {}

    /** {@code field=value}, {@code field!=value}, {@code imm&mask=value}, {@code field=field}, {@code c}. */
    record Condition(String field, boolean equal, long mask, long value, String otherField, boolean compressed) {}

    record Alias(Instruction base, List<Condition> conditions, String name, String syntax) {}

    record Csr(String name, int number) {}

    final List<String> classes = new ArrayList<>();
    int illegalClass = -1;
    int illegalFlags;
    final Map<String, Immediate> immediates = new LinkedHashMap<>();
    final List<Instruction> instructions = new ArrayList<>();
    final Map<String, Instruction> byMnemonic = new LinkedHashMap<>();
    final List<Compressed> compressed = new ArrayList<>();
    final List<Alias> aliases = new ArrayList<>();
    final List<Csr> csrs = new ArrayList<>();
    final Map<Integer, String> majors = new LinkedHashMap<>();

    static String constantOf(String mnemonic) {
        return mnemonic.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    static IsaTable read() throws IOException {
        return parse(Files.readString(FILE, StandardCharsets.UTF_8));
    }

    static IsaTable parse(String text) {
        IsaTable t = new IsaTable();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                t.add(line.split("\\s+"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(FILE + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (t.illegalClass < 0) {
            throw new IllegalArgumentException(FILE + ": no 'illegal' line");
        }
        return t;
    }

    private void add(String[] w) {
        switch (w[0]) {
            case "classes" -> classes.addAll(Arrays.asList(w).subList(1, w.length));
            case "illegal" -> {
                count(w, 3);
                illegalClass = classIndex(w[1]);
                illegalFlags = flags(w[2]);
            }
            case "major" -> {
                count(w, 3);
                majors.put(number(w[1]), w[2]);
            }
            case "immediate" -> immediate(w);
            case "insn" -> instruction(w);
            case "rvc" -> compressed(w);
            case "alias" -> alias(w);
            case "csr" -> {
                count(w, 3);
                csrs.add(new Csr(w[1], number(w[2])));
            }
            default -> throw new IllegalArgumentException("unknown line kind '" + w[0] + "'");
        }
    }

    private static void count(String[] w, int n) {
        if (w.length != n) {
            throw new IllegalArgumentException("'" + w[0] + "' takes " + (n - 1) + " words, not " + (w.length - 1));
        }
    }

    private void immediate(String[] w) {
        if (w.length < 4 || !(w[2].equals("signed") || w[2].equals("unsigned"))) {
            throw new IllegalArgumentException("immediate NAME signed|unsigned PIECE...");
        }
        List<Piece> pieces = new ArrayList<>();
        for (int k = 3; k < w.length; k++) {
            String[] fromTo = w[k].split(">");
            int[] from = range(fromTo[0]);
            int[] to = range(fromTo[1]);
            if (from[0] - from[1] != to[0] - to[1] || from[0] > 31 || from[1] < 0 || to[1] < 0) {
                throw new IllegalArgumentException("piece " + w[k] + " moves a range onto one of another width");
            }
            pieces.add(new Piece(from[0], from[1], to[1]));
        }
        immediates.put(w[1], new Immediate(w[1], w[2].equals("signed"), List.copyOf(pieces)));
    }

    private static int[] range(String s) {
        String[] p = s.split(":");
        int hi = Integer.parseInt(p[0]);
        int lo = p.length > 1 ? Integer.parseInt(p[1]) : hi;
        if (hi < lo) {
            throw new IllegalArgumentException("range " + s + " runs downward");
        }
        return new int[] {hi, lo};
    }

    private void instruction(String[] w) {
        if (w.length != 8 && w.length != 9) {
            throw new IllegalArgumentException("insn MNEMONIC MATCH MASK FIELDS SYNTAX CLASS FLAGS [fpu:METHOD]");
        }
        int match = number(w[2]);
        int mask = number(w[3]);
        if ((match & ~mask) != 0) {
            throw new IllegalArgumentException(w[1] + ": match has bits outside its mask");
        }
        Map<String, Character> registers = new LinkedHashMap<>();
        boolean rm = false;
        boolean aqrl = false;
        Immediate imm = null;
        for (String f : list(w[4])) {
            if (f.equals("rm")) {
                rm = true;
            } else if (f.equals("aqrl")) {
                aqrl = true;
            } else if (f.startsWith("imm:")) {
                imm = immediate(f.substring(4));
            } else {
                String[] p = f.split(":");
                if (p.length != 2 || !REGISTER_FIELDS.contains(p[0]) || p[1].length() != 1 || "xfn".indexOf(p[1]) < 0) {
                    throw new IllegalArgumentException("field '" + f + "' is none of rd/rs1/rs2/rs3:x|f|n, rm, aqrl, imm:NAME");
                }
                registers.put(p[0], p[1].charAt(0));
            }
        }
        if (aqrl && registers.containsKey("rs3")) {
            throw new IllegalArgumentException(w[1] + ": aqrl and rs3 share a slot");
        }
        if (byMnemonic.containsKey(w[1])) {
            throw new IllegalArgumentException(w[1] + " is declared twice");
        }
        int flags = flags(w[7]);
        String fpu = w.length == 9 ? fpuMethod(w[1], w[8], registers, imm != null || aqrl, flags) : null;
        Instruction in = new Instruction(instructions.size() + 1, w[1], match, mask, Map.copyOf(registers), rm, aqrl,
                imm, w[5].equals("-") ? "" : w[5], classIndex(w[6]), flags, fpu);
        instructions.add(in);
        byMnemonic.put(in.mnemonic(), in);
    }

    /**
     * The method of {@code fpu:METHOD}. Its arguments are the instruction's sources, so they must
     * be ones a method can take in order: rs1, rs2, rs3 from the FP registers, or rs1 alone from
     * the integer ones with an FP result.
     */
    private static String fpuMethod(String mnemonic, String word, Map<String, Character> registers, boolean immediate,
            int flags) {
        if (!word.startsWith("fpu:") || !word.substring(4).matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(mnemonic + ": '" + word + "' is not fpu:METHOD");
        }
        if ((flags & 1 << FLAG_NAMES.indexOf("fp")) == 0 || (flags & 1 << FLAG_NAMES.indexOf("memory")) != 0) {
            throw new IllegalArgumentException(mnemonic + ": only an fp instruction, no memory access, has an fpu method");
        }
        String sources = "" + registers.getOrDefault("rs1", '-') + registers.getOrDefault("rs2", '-')
                + registers.getOrDefault("rs3", '-');
        char rd = registers.getOrDefault("rd", '-');
        boolean fromF = sources.equals("f--") || sources.equals("ff-") || sources.equals("fff");
        boolean fromX = sources.equals("x--") && rd == 'f';
        if (immediate || !(fromF || fromX) || (rd != 'f' && rd != 'x')) {
            throw new IllegalArgumentException(mnemonic + ": an fpu method takes rs1[,rs2[,rs3]] in f or rs1 in x, "
                    + "and writes rd in x or f");
        }
        return word.substring(4);
    }

    private void compressed(String[] w) {
        if (w.length != 6 && w.length != 7) {
            throw new IllegalArgumentException("rvc MNEMONIC MATCH MASK EXPANSION ASSIGNMENTS [WHEN]");
        }
        int match = number(w[2]);
        int mask = number(w[3]);
        if ((match & ~mask) != 0 || (mask & ~0xffff) != 0 || (mask & 3) != 3 || (match & 3) == 3) {
            throw new IllegalArgumentException(w[1] + ": not a 16-bit match and mask");
        }
        Instruction base = instruction(w[4]);
        Map<String, String> assign = new LinkedHashMap<>();
        for (String a : list(w[5])) {
            String[] p = a.split("=");
            boolean known = p.length == 2 && (COMPRESSED_SOURCES.contains(p[1]) || immediates.containsKey(p[1])
                    || p[1].matches("[0-9]+"));
            if (!known || !(REGISTER_FIELDS.contains(p[0]) || p[0].equals("imm"))) {
                throw new IllegalArgumentException("assignment '" + a + "' is not FIELD=SOURCE");
            }
            assign.put(p[0], p[1]);
        }
        List<Nonzero> when = new ArrayList<>();
        if (w.length == 7) {
            for (String c : list(w[6])) {
                String[] p = c.split("!=");
                if (p.length != 2 || !Set.of("rd", "rs2", "imm").contains(p[0])) {
                    throw new IllegalArgumentException("condition '" + c + "' is not rd|rs2|imm!=N");
                }
                when.add(new Nonzero(p[0], number(p[1])));
            }
        }
        compressed.add(new Compressed(w[1], match, mask, base, Map.copyOf(assign), List.copyOf(when)));
    }

    private void alias(String[] w) {
        count(w, 5);
        List<Condition> conditions = new ArrayList<>();
        for (String c : list(w[2])) {
            conditions.add(condition(c));
        }
        aliases.add(new Alias(instruction(w[1]), List.copyOf(conditions), w[3], w[4].equals("-") ? "" : w[4]));
    }

    private static Condition condition(String c) {
        if (c.equals("c")) {
            return new Condition(null, true, 0, 0, null, true);
        }
        boolean equal = !c.contains("!=");
        String[] p = c.split(equal ? "=" : "!=");
        if (p.length != 2) {
            throw new IllegalArgumentException("condition '" + c + "' is not FIELD=VALUE or FIELD!=VALUE");
        }
        String field = p[0];
        long mask = -1;
        if (field.contains("&")) {
            mask = number(field.substring(field.indexOf('&') + 1));
            field = field.substring(0, field.indexOf('&'));
        }
        if (!REGISTER_FIELDS.contains(field) && !field.equals("imm")) {
            throw new IllegalArgumentException("condition on unknown field '" + field + "'");
        }
        if (REGISTER_FIELDS.contains(p[1])) {
            return new Condition(field, equal, mask, 0, p[1], false);
        }
        return new Condition(field, equal, mask, number(p[1]), null, false);
    }

    private Instruction instruction(String mnemonic) {
        Instruction in = byMnemonic.get(mnemonic);
        if (in == null) {
            throw new IllegalArgumentException("no instruction '" + mnemonic + "' declared above");
        }
        return in;
    }

    private Immediate immediate(String name) {
        Immediate imm = immediates.get(name);
        if (imm == null) {
            throw new IllegalArgumentException("no immediate '" + name + "' declared above");
        }
        return imm;
    }

    private int classIndex(String name) {
        int k = classes.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("'" + name + "' is not in the classes line");
        }
        return k;
    }

    private static int flags(String list) {
        int flags = 0;
        for (String f : list(list)) {
            int k = FLAG_NAMES.indexOf(f);
            if (k < 0) {
                throw new IllegalArgumentException("unknown flag '" + f + "'");
            }
            flags |= 1 << k;
        }
        return flags;
    }

    private static List<String> list(String s) {
        return s.equals("-") ? List.of() : List.of(s.split(","));
    }

    private static int number(String s) {
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        long v = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
        if (v > 0xffff_ffffL) {
            throw new IllegalArgumentException(s + " does not fit 32 bits");
        }
        return (int) (negative ? -v : v);
    }
}
