package dev.splitsim.cpu.isa.table;

import dev.splitsim.cpu.isa.table.IsaTable.Alias;
import dev.splitsim.cpu.isa.table.IsaTable.Condition;
import dev.splitsim.cpu.isa.table.IsaTable.Csr;
import dev.splitsim.cpu.isa.table.IsaTable.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code InstructionText.java}, the table's half of the disassembler: each instruction's
 * operands in its syntax, the pseudo-instructions objdump prefers in the order the table gives
 * them, the mnemonics and the CSR names. Instructions that share a syntax and have no alias share
 * a case, so the method stays small enough for the JIT (instruction traces call it per step).
 */
final class TextSource {
    /** Syntax tokens, longest first so that a greedy scan never takes a prefix of a longer one. */
    private static final String[] TOKENS = {"[,rm]", "target", "upper", "pred", "succ", "rs1", "rs2", "rs3", "hex",
        "imm", "csr", "rd"};

    private TextSource() {}

    static String write(IsaTable table) {
        Map<Instruction, List<Alias>> aliases = new LinkedHashMap<>();
        for (Alias a : table.aliases) {
            aliases.computeIfAbsent(a.base(), k -> new ArrayList<>()).add(a);
        }
        StringBuilder cases = new StringBuilder();
        Map<String, List<Instruction>> shared = new LinkedHashMap<>();
        for (Instruction in : table.instructions) {
            List<Alias> own = aliases.get(in);
            if (own == null) {
                String key = (in.aqrl() ? "aqrl " : "") + text(in, "MNEMONICS[op]", in.syntax(), in.aqrl());
                shared.computeIfAbsent(key, k -> new ArrayList<>()).add(in);
                continue;
            }
            cases.append("            case Op.").append(in.constant()).append(":\n");
            for (Alias a : own) {
                String text = text(in, quote(a.name()), a.syntax(), false);
                if (a.conditions().isEmpty()) {
                    cases.append("                return ").append(text).append(";\n");
                    break;
                }
                cases.append("                if (").append(conditions(a.conditions())).append(") {\n")
                        .append("                    return ").append(text).append(";\n                }\n");
            }
            if (!a(own).conditions().isEmpty()) {
                cases.append("                return ").append(text(in, quote(in.mnemonic()), in.syntax(), in.aqrl()))
                        .append(";\n");
            }
        }
        for (List<Instruction> group : shared.values()) {
            for (Instruction in : group) {
                cases.append("            case Op.").append(in.constant()).append(":\n");
            }
            Instruction first = group.get(0);
            cases.append("                return ").append(text(first, "MNEMONICS[op]", first.syntax(), first.aqrl()))
                    .append(";\n");
        }

        StringBuilder s = new StringBuilder(IsaGenerator.header("dev.splitsim.cpu.isa"));
        s.append("/**\n * The instruction table's part of the {@link Disassembler}: mnemonics, each instruction's operands\n"
                + " * in objdump's syntax, the pseudo-instructions objdump prints instead, and the CSR names.\n */\n");
        s.append("final class InstructionText {\n    private InstructionText() {}\n\n");
        s.append("    /** Mnemonic per opcode. */\n    static final String[] MNEMONICS = {\n");
        List<String> names = new ArrayList<>();
        names.add("illegal");
        for (Instruction in : table.instructions) {
            names.add(in.mnemonic());
        }
        s.append(wrapped(names)).append("    };\n\n");
        s.append("    /** The text of {@code d}, decoded at {@code pc}; null for {@link Op#ILLEGAL}. */\n");
        s.append("    static String format(long d, long pc) {\n        int op = Decoded.op(d);\n"
                + "        int rd = Decoded.rd(d);\n        int rs1 = Decoded.rs1(d);\n        int rs2 = Decoded.rs2(d);\n"
                + "        int rs3 = Decoded.rs3(d);\n        int imm = Decoded.imm(d);\n"
                + "        boolean c = Decoded.compressed(d);\n");
        s.append("        switch (op) {\n").append(cases).append("            default:\n                return null;\n"
                + "        }\n    }\n\n");
        s.append("    /** The name objdump gives CSR {@code number}, or the number in hex. */\n");
        s.append("    static String csr(int number) {\n        switch (number) {\n");
        for (Csr c : table.csrs) {
            s.append("            case ").append(DecoderSource.hex(c.number())).append(": return ").append(quote(c.name()))
                    .append(";\n");
        }
        s.append("            default: return Disassembler.hex(number);\n        }\n    }\n}\n");
        return s.toString();
    }

    private static Alias a(List<Alias> own) {
        return own.get(own.size() - 1);
    }

    /** The Java expression of {@code name} followed by {@code syntax}'s operands. */
    private static String text(Instruction in, String name, String syntax, boolean ordering) {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        if (ordering) {
            parts.add("Disassembler.ordering(rs3)");
        }
        StringBuilder literal = new StringBuilder(syntax.isEmpty() ? "" : "\t");
        int i = 0;
        while (i < syntax.length()) {
            String token = null;
            for (String t : TOKENS) {
                if (syntax.startsWith(t, i)) {
                    token = t;
                    break;
                }
            }
            if (token == null) {
                literal.append(syntax.charAt(i++));
                continue;
            }
            if (literal.length() > 0) {
                parts.add(quote(literal.toString()));
                literal.setLength(0);
            }
            parts.add(operand(in, token));
            i += token.length();
        }
        if (literal.length() > 0) {
            parts.add(quote(literal.toString()));
        }
        // Two literals in a row read better as one.
        List<String> merged = new ArrayList<>();
        for (String p : parts) {
            int last = merged.size() - 1;
            if (last >= 0 && p.startsWith("\"") && merged.get(last).startsWith("\"")) {
                String prev = merged.get(last);
                merged.set(last, prev.substring(0, prev.length() - 1) + p.substring(1));
            } else {
                merged.add(p);
            }
        }
        return String.join(" + ", merged);
    }

    private static String operand(Instruction in, String token) {
        switch (token) {
            case "rd": case "rs1": case "rs2": case "rs3":
                switch (in.file(token)) {
                    case 'x': return "Disassembler.xName(" + token + ")";
                    case 'f': return "Disassembler.fName(" + token + ")";
                    case 'n': return token;
                    default: throw new IllegalArgumentException(in.mnemonic() + ": syntax names " + token
                            + ", which it does not decode");
                }
            case "[,rm]":
                if (!in.rm()) {
                    throw new IllegalArgumentException(in.mnemonic() + ": syntax prints a rounding mode it lacks");
                }
                return "Disassembler.rounding(Decoded.rm(d))";
            default:
                if (in.imm() == null) {
                    throw new IllegalArgumentException(in.mnemonic() + ": syntax prints " + token + " but it has no immediate");
                }
                switch (token) {
                    case "imm": return "imm";
                    case "hex": return "Disassembler.hex(imm)";
                    case "upper": return "Disassembler.hex(imm >>> 12)";
                    case "target": return "Disassembler.target(pc, imm)";
                    case "csr": return "csr(imm & 0xfff)";
                    case "pred": return "Disassembler.accesses((imm >>> 4) & 15)";
                    default: return "Disassembler.accesses(imm & 15)";
                }
        }
    }

    private static String conditions(List<Condition> conditions) {
        List<String> tests = new ArrayList<>();
        for (Condition c : conditions) {
            if (c.compressed()) {
                tests.add("c");
                continue;
            }
            String field = c.mask() == -1 ? c.field() : "(" + c.field() + " & " + DecoderSource.hex((int) c.mask()) + ")";
            String value = c.otherField() != null ? c.otherField() : c.value() < 0 || c.value() < 10
                    ? Long.toString(c.value()) : DecoderSource.hex((int) c.value());
            tests.add(field + (c.equal() ? " == " : " != ") + value);
        }
        return String.join(" && ", tests);
    }

    private static String wrapped(List<String> names) {
        StringBuilder s = new StringBuilder();
        StringBuilder line = new StringBuilder("       ");
        for (String n : names) {
            String item = " " + quote(n) + ",";
            if (line.length() + item.length() > 110) {
                s.append(line).append('\n');
                line = new StringBuilder("       ");
            }
            line.append(item);
        }
        return s.append(line).append('\n').toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\t", "\\t").replace("\"", "\\\"") + "\"";
    }
}
