package dev.splitsim.cpu.isa;

/**
 * Instructions of extensions beyond RV64GC that compilers emit when asked (-march=rv64gc_zba_zbb,
 * rvv), recognised only to say why they are illegal here: a guest built for one is told which
 * extension to leave out, instead of seeing a bare ".word". The encodings are those of the
 * ratified bit-manipulation (Zba, Zbb, Zbc, Zbs), Zicond and vector (V) specifications.
 */
public final class OtherExtensions {
    private static final int OP = 0x33, OP_32 = 0x3b, OP_IMM = 0x13, OP_IMM_32 = 0x1b, OP_V = 0x57;

    private OtherExtensions() {}

    /** "sh3add, of the Zba extension" for such an instruction word; null for any other word. */
    public static String describe(long word) {
        if (word < 0 || (word & 3) != 3) {
            return null;
        }
        int w = (int) word;
        int opcode = w & 0x7f;
        int f3 = (w >>> 12) & 7;
        int f7 = w >>> 25;
        int rs2 = (w >>> 20) & 0x1f;
        int imm12 = w >>> 20;
        int f6 = w >>> 26;
        String name = switch (opcode) {
            case OP -> register(f7, f3);
            case OP_32 -> register32(f7, f3, rs2);
            case OP_IMM -> immediate(f6, f3, imm12);
            case OP_IMM_32 -> immediate32(f7, f6, f3, imm12);
            case OP_V -> "vector instruction:V";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        int colon = name.indexOf(':');
        return name.substring(0, colon) + ", of the " + name.substring(colon + 1) + " extension";
    }

    private static String register(int f7, int f3) {
        switch (f7) {
            case 0b0010000: return f3 == 2 ? "sh1add:Zba" : f3 == 4 ? "sh2add:Zba" : f3 == 6 ? "sh3add:Zba" : null;
            case 0b0100000: return f3 == 7 ? "andn:Zbb" : f3 == 6 ? "orn:Zbb" : f3 == 4 ? "xnor:Zbb" : null;
            case 0b0000101:
                switch (f3) {
                    case 1: return "clmul:Zbc";
                    case 2: return "clmulr:Zbc";
                    case 3: return "clmulh:Zbc";
                    case 4: return "min:Zbb";
                    case 5: return "minu:Zbb";
                    case 6: return "max:Zbb";
                    case 7: return "maxu:Zbb";
                    default: return null;
                }
            case 0b0110000: return f3 == 1 ? "rol:Zbb" : f3 == 5 ? "ror:Zbb" : null;
            case 0b0100100: return f3 == 1 ? "bclr:Zbs" : f3 == 5 ? "bext:Zbs" : null;
            case 0b0110100: return f3 == 1 ? "binv:Zbs" : null;
            case 0b0010100: return f3 == 1 ? "bset:Zbs" : null;
            case 0b0000111: return f3 == 5 ? "czero.eqz:Zicond" : f3 == 7 ? "czero.nez:Zicond" : null;
            default: return null;
        }
    }

    private static String register32(int f7, int f3, int rs2) {
        if (f7 == 0b0000100 && f3 == 0) {
            return "add.uw:Zba";
        }
        if (f7 == 0b0000100 && f3 == 4 && rs2 == 0) {
            return "zext.h:Zbb";
        }
        if (f7 == 0b0010000) {
            return f3 == 2 ? "sh1add.uw:Zba" : f3 == 4 ? "sh2add.uw:Zba" : f3 == 6 ? "sh3add.uw:Zba" : null;
        }
        if (f7 == 0b0110000) {
            return f3 == 1 ? "rolw:Zbb" : f3 == 5 ? "rorw:Zbb" : null;
        }
        return null;
    }

    private static String immediate(int f6, int f3, int imm12) {
        if (f3 == 1) {
            switch (imm12) {
                case 0x600: return "clz:Zbb";
                case 0x601: return "ctz:Zbb";
                case 0x602: return "cpop:Zbb";
                case 0x604: return "sext.b:Zbb";
                case 0x605: return "sext.h:Zbb";
                default: break;
            }
            return f6 == 0b010010 ? "bclri:Zbs" : f6 == 0b011010 ? "binvi:Zbs" : f6 == 0b001010 ? "bseti:Zbs" : null;
        }
        if (f3 == 5) {
            if (imm12 == 0x287) {
                return "orc.b:Zbb";
            }
            if (imm12 == 0x6b8) {
                return "rev8:Zbb";
            }
            return f6 == 0b011000 ? "rori:Zbb" : f6 == 0b010010 ? "bexti:Zbs" : null;
        }
        return null;
    }

    private static String immediate32(int f7, int f6, int f3, int imm12) {
        if (f3 == 1) {
            switch (imm12) {
                case 0x600: return "clzw:Zbb";
                case 0x601: return "ctzw:Zbb";
                case 0x602: return "cpopw:Zbb";
                default: return f6 == 0b000010 ? "slli.uw:Zba" : null;
            }
        }
        return f3 == 5 && f7 == 0b0110000 ? "roriw:Zbb" : null;
    }
}
