package dev.splitsim.cpu.exec;

import static dev.splitsim.cpu.isa.Decoded.imm;
import static dev.splitsim.cpu.isa.Decoded.rd;
import static dev.splitsim.cpu.isa.Decoded.rs1;
import static dev.splitsim.cpu.isa.Decoded.rs2;
import static org.objectweb.asm.Opcodes.*;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Op;
import java.lang.invoke.MethodHandles;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates a {@link Block} into a hidden class implementing {@link CompiledBlock}: the block's
 * instructions become straight-line bytecode with their registers, immediates and pcs as
 * constants, which the JVM then compiles like any hot Java method. Each instruction does what its
 * case in {@code Hart.execute} does, in the same order: integer instructions, loads, stores and
 * control transfers inline (loads and stores through the {@link SoftTlb}'s own methods, so the
 * fast path and the traps are the interpreter's), everything else through {@code
 * Hart.outOfLine}. An instruction that may throw first leaves its index and pc in two locals that
 * the one exception handler hands to the hart, so a trap stops the block where the interpreter's
 * would.
 *
 * <p>x0 is written zero on entry and after an out-of-line instruction that names it as its
 * destination (the interpreter clears it before each instruction): an inline write to it is
 * dropped (its effects, a load's access, still happen), an inline read of it is the constant zero.
 */
final class BlockCompiler {
    private BlockCompiler() {}

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String HART = "dev/splitsim/cpu/exec/Hart";
    private static final String TLB = "dev/splitsim/cpu/exec/SoftTlb";
    private static final String CODE = "dev/splitsim/cpu/exec/DecodeCache";
    private static final String OPS = "dev/splitsim/cpu/exec/IntegerOps";
    private static final String FPU = "dev/splitsim/cpu/exec/Fpu";
    private static final String NAME = "dev/splitsim/cpu/exec/GuestBlock";
    private static final String RUN_DESC = "(L" + HART + ";[JL" + TLB + ";L" + CODE + ";[JIJ)I";

    // Local variable slots of the generated run method.
    private static final int H = 1;
    private static final int X = 2;
    private static final int MEM = 3;
    private static final int CODE_CACHE = 4;
    private static final int ADDR = 5;
    private static final int EPOCH = 6;
    private static final int BASE = 7;
    /** Index of the instruction that may throw next. */
    private static final int AT_INDEX = 9;
    /** Its pc. */
    private static final int AT_PC = 10;
    /** An effective address or jump target. */
    private static final int TEMP = 12;
    private static final int THROWN = 14;
    /** The FP registers, the hart's FPU and the dynamic rounding mode, once a block needs them. */
    private static final int F = 15;
    private static final int FP_UNIT = 16;
    private static final int DYNAMIC_RM = 17;

    /** The compiled form of {@code b}, or null when it holds something this compiler does not translate. */
    static CompiledBlock compile(Block b) {
        for (int i = 0; i < b.count - 1; i++) {
            if (OpTraits.endsBlock(Decoded.op(b.insns[i]))) {
                return null;
            }
        }
        byte[] bytes = new Translation(b).classBytes();
        try {
            Class<?> c = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
            return (CompiledBlock) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("compiled block at 0x" + Long.toHexString(b.startPc) + " did not load", e);
        }
    }

    /** One block's bytecode being written. */
    private static final class Translation {
        private final Block b;
        private final ClassWriter cw;
        private MethodVisitor mv;
        /**
         * Whether an earlier FP instruction of this block has been translated inline: the FPU is
         * known enabled and, if so, the FP state already dirty, the dynamic rounding mode already
         * read. Only a CSR instruction or a trap changes them, and either ends the block.
         */
        private boolean fpEnabled;
        private boolean fpDirty;
        private boolean rmRead;

        Translation(Block b) {
            this.b = b;
            // Every frame merges the same few types, so no class needs loading to find a common one.
            this.cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected String getCommonSuperClass(String type1, String type2) {
                    return "java/lang/Object";
                }
            };
        }

        byte[] classBytes() {
            cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, "java/lang/Object",
                    new String[] {"dev/splitsim/cpu/exec/CompiledBlock"});
            MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();
            mv = cw.visitMethod(ACC_PUBLIC, "run", RUN_DESC, null, null);
            mv.visitCode();
            body();
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return cw.toByteArray();
        }

        private void body() {
            mv.visitVarInsn(ALOAD, X);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LASTORE);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, AT_INDEX);
            pushLong(b.startPc);
            mv.visitVarInsn(LSTORE, AT_PC);
            if (hasFloatingPoint()) {
                mv.visitVarInsn(ALOAD, H);
                mv.visitFieldInsn(GETFIELD, HART, "f", "[J");
                mv.visitVarInsn(ASTORE, F);
                mv.visitVarInsn(ALOAD, H);
                mv.visitFieldInsn(GETFIELD, HART, "fpu", "L" + FPU + ";");
                mv.visitVarInsn(ASTORE, FP_UNIT);
            }
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            boolean thrown = false;
            for (int i = 0; i < b.count && !thrown; i++) {
                thrown = instruction(i, b.insns[i], b.pcAt(i), b.pcAt(i + 1), i == b.count - 1);
            }
            if (!thrown) {
                pushInt(b.count);
                mv.visitInsn(IRETURN);
            }
            mv.visitLabel(end);
            mv.visitLabel(handler);
            mv.visitVarInsn(ASTORE, THROWN);
            mv.visitVarInsn(ALOAD, H);
            mv.visitVarInsn(ILOAD, AT_INDEX);
            mv.visitFieldInsn(PUTFIELD, HART, "stoppedAt", "I");
            mv.visitVarInsn(ALOAD, H);
            mv.visitVarInsn(LLOAD, AT_PC);
            mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
            mv.visitVarInsn(ALOAD, THROWN);
            mv.visitInsn(ATHROW);
        }

        /**
         * Instruction {@code i}; when it is the last, it also leaves pc where it went. Returns
         * whether it always throws (nothing after it is reached).
         */
        private boolean instruction(int i, long d, long pc, long next, boolean last) {
            int op = Decoded.op(d);
            int rd = rd(d);
            switch (op) {
                case Op.JAL:
                    if (rd != 0) {
                        writeConstant(rd, next);
                    }
                    setPc(pc + imm(d));
                    return false;
                case Op.JALR:
                    reg(rs1(d));
                    pushLong(imm(d));
                    mv.visitInsn(LADD);
                    pushLong(~1L);
                    mv.visitInsn(LAND);
                    mv.visitVarInsn(LSTORE, TEMP);
                    if (rd != 0) {
                        writeConstant(rd, next);
                    }
                    mv.visitVarInsn(ALOAD, H);
                    mv.visitVarInsn(LLOAD, TEMP);
                    mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
                    return false;
                case Op.BEQ: branch(d, IFEQ, false, pc, next); return false;
                case Op.BNE: branch(d, IFNE, false, pc, next); return false;
                case Op.BLT: branch(d, IFLT, false, pc, next); return false;
                case Op.BGE: branch(d, IFGE, false, pc, next); return false;
                case Op.BLTU: branch(d, IFLT, true, pc, next); return false;
                case Op.BGEU: branch(d, IFGE, true, pc, next); return false;
                case Op.LB: load(i, d, pc, next, last, "lb"); return false;
                case Op.LH: load(i, d, pc, next, last, "lh"); return false;
                case Op.LW: load(i, d, pc, next, last, "lw"); return false;
                case Op.LD: load(i, d, pc, next, last, "ld"); return false;
                case Op.LBU: load(i, d, pc, next, last, "lbu"); return false;
                case Op.LHU: load(i, d, pc, next, last, "lhu"); return false;
                case Op.LWU: load(i, d, pc, next, last, "lwu"); return false;
                case Op.SB: store(i, d, pc, next, last, "sb"); return false;
                case Op.SH: store(i, d, pc, next, last, "sh"); return false;
                case Op.SW: store(i, d, pc, next, last, "sw"); return false;
                case Op.SD: store(i, d, pc, next, last, "sd"); return false;
                case Op.FENCE:
                    break;
                case Op.FENCE_I:
                    mv.visitVarInsn(ALOAD, CODE_CACHE);
                    mv.visitMethodInsn(INVOKEVIRTUAL, CODE, "flush", "()V", false);
                    break;
                case Op.EBREAK:
                    mayThrow(i, pc);
                    mv.visitVarInsn(ALOAD, H);
                    pushLong(pc);
                    mv.visitMethodInsn(INVOKEVIRTUAL, HART, "breakpoint", "(J)Ldev/splitsim/cpu/exec/Trap;", false);
                    mv.visitInsn(ATHROW);
                    return true;
                case Op.FLW: fpLoad(i, d, pc, next, last, "lwu"); return false;
                case Op.FLD: fpLoad(i, d, pc, next, last, "ld"); return false;
                case Op.FSW: fpStore(i, d, pc, next, last, "sw"); return false;
                case Op.FSD: fpStore(i, d, pc, next, last, "sd"); return false;
                default:
                    if (isFloatingPoint(op) && floating(i, d, pc, op)) {
                        break;
                    }
                    if (rd == 0 && isInteger(op)) {
                        // An integer result into x0 has no other effect.
                        break;
                    }
                    if (isInteger(op)) {
                        mv.visitVarInsn(ALOAD, X);
                        pushInt(rd);
                        integer(op, d, pc);
                        mv.visitInsn(LASTORE);
                        break;
                    }
                    outOfLine(i, d, pc, next, last);
                    return false;
            }
            if (last) {
                setPc(next);
            }
            return false;
        }

        private boolean hasFloatingPoint() {
            for (int i = 0; i < b.count; i++) {
                if (isFloatingPoint(Decoded.op(b.insns[i]))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isFloatingPoint(int op) {
            return op >= Op.FLW && op <= Op.FMV_D_X;
        }

        private static boolean isInteger(int op) {
            return op >= Op.LUI && op <= Op.REMUW && op != Op.FENCE && op != Op.FENCE_I
                    && (op < Op.ECALL || op > Op.SFENCE_VMA) && OpTraits.kind(op) == OpTraits.PLAIN;
        }

        /** Pushes the long result of integer instruction {@code d}. */
        private void integer(int op, long d, long pc) {
            int a = rs1(d);
            int b = rs2(d);
            long k = imm(d);
            switch (op) {
                case Op.LUI: pushLong(k); return;
                case Op.AUIPC: pushLong(pc + k); return;
                case Op.ADDI: binaryImm(a, k, LADD); return;
                case Op.SLTI: reg(a); pushLong(k); mv.visitInsn(LCMP); zeroOrOne(IFLT); return;
                case Op.SLTIU: reg(a); pushLong(k); compareUnsigned(); zeroOrOne(IFLT); return;
                case Op.XORI: binaryImm(a, k, LXOR); return;
                case Op.ORI: binaryImm(a, k, LOR); return;
                case Op.ANDI: binaryImm(a, k, LAND); return;
                case Op.SLLI: reg(a); pushInt((int) k); mv.visitInsn(LSHL); return;
                case Op.SRLI: reg(a); pushInt((int) k); mv.visitInsn(LUSHR); return;
                case Op.SRAI: reg(a); pushInt((int) k); mv.visitInsn(LSHR); return;
                case Op.ADD: binary(a, b, LADD); return;
                case Op.SUB: binary(a, b, LSUB); return;
                case Op.SLL: shift(a, b, LSHL); return;
                case Op.SLT: reg(a); reg(b); mv.visitInsn(LCMP); zeroOrOne(IFLT); return;
                case Op.SLTU: reg(a); reg(b); compareUnsigned(); zeroOrOne(IFLT); return;
                case Op.XOR: binary(a, b, LXOR); return;
                case Op.SRL: shift(a, b, LUSHR); return;
                case Op.SRA: shift(a, b, LSHR); return;
                case Op.OR: binary(a, b, LOR); return;
                case Op.AND: binary(a, b, LAND); return;
                case Op.ADDIW: binaryImm(a, k, LADD); mv.visitInsn(L2I); mv.visitInsn(I2L); return;
                case Op.SLLIW: word(a); pushInt((int) k); mv.visitInsn(ISHL); mv.visitInsn(I2L); return;
                case Op.SRLIW: word(a); pushInt((int) k); mv.visitInsn(IUSHR); mv.visitInsn(I2L); return;
                case Op.SRAIW: word(a); pushInt((int) k); mv.visitInsn(ISHR); mv.visitInsn(I2L); return;
                case Op.ADDW: words(a, b, IADD); return;
                case Op.SUBW: words(a, b, ISUB); return;
                case Op.SLLW: words(a, b, ISHL); return;
                case Op.SRLW: words(a, b, IUSHR); return;
                case Op.SRAW: words(a, b, ISHR); return;
                case Op.MUL: binary(a, b, LMUL); return;
                case Op.MULH: reg(a); reg(b); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "multiplyHigh", "(JJ)J", false); return;
                case Op.MULHSU: longOp(a, b, "mulhsu"); return;
                case Op.MULHU: longOp(a, b, "mulhu"); return;
                case Op.DIV: longOp(a, b, "div"); return;
                case Op.DIVU: longOp(a, b, "divu"); return;
                case Op.REM: longOp(a, b, "rem"); return;
                case Op.REMU: longOp(a, b, "remu"); return;
                case Op.MULW: words(a, b, IMUL); return;
                case Op.DIVW: wordOp(a, b, "divw"); return;
                case Op.DIVUW: wordOp(a, b, "divuw"); return;
                case Op.REMW: wordOp(a, b, "remw"); return;
                case Op.REMUW: wordOp(a, b, "remuw"); return;
                default: throw new IllegalArgumentException("not an integer instruction: " + op);
            }
        }

        private void load(int i, long d, long pc, long next, boolean last, String method) {
            effectiveAddress(i, d, pc);
            int rd = rd(d);
            if (rd != 0) {
                mv.visitVarInsn(ALOAD, X);
                pushInt(rd);
            }
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, TEMP);
            mv.visitMethodInsn(INVOKEVIRTUAL, TLB, method, "(J)J", false);
            mv.visitInsn(rd != 0 ? LASTORE : POP2);
            afterCall(i, next, last);
        }

        private void store(int i, long d, long pc, long next, boolean last, String method) {
            effectiveAddress(i, d, pc);
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, TEMP);
            reg(rs2(d));
            mv.visitMethodInsn(INVOKEVIRTUAL, TLB, method, "(JJ)V", false);
            afterCall(i, next, last);
        }

        /** The access's address into TEMP and addr[i], pc set as the miss path reads it. */
        private void effectiveAddress(int i, long d, long pc) {
            binaryImm(rs1(d), imm(d), LADD);
            mv.visitVarInsn(LSTORE, TEMP);
            mv.visitVarInsn(ALOAD, ADDR);
            pushInt(i);
            mv.visitVarInsn(LLOAD, TEMP);
            mv.visitInsn(LASTORE);
            mayThrow(i, pc);
            setPc(pc);
        }

        /**
         * What the interpreter checks before every FP instruction, once per block: the FPU is
         * enabled (mstatus.FS), with pc at the instruction for the trap.
         */
        private void fpEnabled(int i, long pc) {
            if (!fpEnabled) {
                mayThrow(i, pc);
                setPc(pc);
                mv.visitVarInsn(ALOAD, H);
                mv.visitMethodInsn(INVOKEVIRTUAL, HART, "requireFpu", "()V", false);
                fpEnabled = true;
            }
        }

        /** After an instruction that wrote an FP register: the FP state is dirty from the first on. */
        private void fpWritten() {
            if (!fpDirty) {
                mv.visitVarInsn(ALOAD, H);
                mv.visitMethodInsn(INVOKEVIRTUAL, HART, "fpRegisterWritten", "()V", false);
                fpDirty = true;
            }
        }

        private void fpLoad(int i, long d, long pc, long next, boolean last, String method) {
            fpEnabled(i, pc);
            effectiveAddress(i, d, pc);
            mv.visitVarInsn(ALOAD, F);
            pushInt(rd(d));
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, TEMP);
            mv.visitMethodInsn(INVOKEVIRTUAL, TLB, method, "(J)J", false);
            if (method.equals("lwu")) {
                pushLong(Fpu.BOX);
                mv.visitInsn(LOR);
            }
            mv.visitInsn(LASTORE);
            fpWritten();
            afterCall(i, next, last);
        }

        private void fpStore(int i, long d, long pc, long next, boolean last, String method) {
            fpEnabled(i, pc);
            effectiveAddress(i, d, pc);
            mv.visitVarInsn(ALOAD, MEM);
            mv.visitVarInsn(LLOAD, TEMP);
            fpReg(rs2(d));
            mv.visitMethodInsn(INVOKEVIRTUAL, TLB, method, "(JJ)V", false);
            afterCall(i, next, last);
        }

        /**
         * FP instruction {@code d} inline, as {@code Hart.floating} executes it: through the same
         * {@link FpuCalls} method, or the same bit move. Returns false, having emitted nothing, for
         * one left to the out-of-line path (a rounding-mode field that is illegal, which traps there).
         */
        private boolean floating(int i, long d, long pc, int op) {
            int rd = rd(d);
            int rs1 = rs1(d);
            switch (op) {
                case Op.FMV_X_W:
                case Op.FMV_X_D:
                    fpEnabled(i, pc);
                    if (rd != 0) {
                        mv.visitVarInsn(ALOAD, X);
                        pushInt(rd);
                        fpReg(rs1);
                        if (op == Op.FMV_X_W) {
                            mv.visitInsn(L2I);
                            mv.visitInsn(I2L);
                        }
                        mv.visitInsn(LASTORE);
                    }
                    return true;
                case Op.FMV_W_X:
                case Op.FMV_D_X:
                    fpEnabled(i, pc);
                    mv.visitVarInsn(ALOAD, F);
                    pushInt(rd);
                    reg(rs1);
                    if (op == Op.FMV_W_X) {
                        pushLong(0xffff_ffffL);
                        mv.visitInsn(LAND);
                        pushLong(Fpu.BOX);
                        mv.visitInsn(LOR);
                    }
                    mv.visitInsn(LASTORE);
                    fpWritten();
                    return true;
                default:
                    break;
            }
            String method = FpuCalls.method(op);
            int shape = FpuCalls.shape(op);
            if (method == null) {
                return false;
            }
            boolean rounds = (shape & FpuCalls.ROUNDS) != 0;
            int rm = Decoded.rm(d);
            if (rounds && rm > 4 && rm != 7) {
                return false;
            }
            fpEnabled(i, pc);
            if (rounds && rm == 7 && !rmRead) {
                mayThrow(i, pc);
                setPc(pc);
                mv.visitVarInsn(ALOAD, H);
                mv.visitMethodInsn(INVOKEVIRTUAL, HART, "dynamicRoundingMode", "()I", false);
                mv.visitVarInsn(ISTORE, DYNAMIC_RM);
                rmRead = true;
            }
            boolean toX = (shape & FpuCalls.TO_X) != 0;
            boolean dropped = toX && rd == 0;
            if (!dropped) {
                mv.visitVarInsn(ALOAD, toX ? X : F);
                pushInt(rd);
            }
            mv.visitVarInsn(ALOAD, FP_UNIT);
            StringBuilder desc = new StringBuilder("(");
            int sources = shape & FpuCalls.SRC_MASK;
            if (sources == FpuCalls.SRC_X) {
                reg(rs1);
                desc.append('J');
            } else {
                int[] regs = {rs1, rs2(d), Decoded.rs3(d)};
                for (int k = 0; k < sources; k++) {
                    fpReg(regs[k]);
                    desc.append('J');
                }
            }
            if (rounds) {
                if (rm == 7) {
                    mv.visitVarInsn(ILOAD, DYNAMIC_RM);
                } else {
                    pushInt(rm);
                }
                desc.append('I');
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, FPU, method, desc.append(")J").toString(), false);
            if (dropped) {
                mv.visitInsn(POP2);
            } else {
                mv.visitInsn(LASTORE);
            }
            if (!toX) {
                fpWritten();
            }
            return true;
        }

        private void fpReg(int r) {
            mv.visitVarInsn(ALOAD, F);
            pushInt(r);
            mv.visitInsn(LALOAD);
        }

        private void outOfLine(int i, long d, long pc, long next, boolean last) {
            mayThrow(i, pc);
            setPc(pc);
            mv.visitVarInsn(ALOAD, H);
            pushLong(d);
            pushLong(next);
            pushInt(i);
            mv.visitVarInsn(LLOAD, BASE);
            mv.visitMethodInsn(INVOKEVIRTUAL, HART, "outOfLine", "(JJIJ)J", false);
            if (last) {
                mv.visitVarInsn(LSTORE, TEMP);
                mv.visitVarInsn(ALOAD, H);
                mv.visitVarInsn(LLOAD, TEMP);
                mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
            } else {
                // Only instructions that end a block go elsewhere than the next one.
                mv.visitInsn(POP2);
                if (rd(d) == 0) {
                    // It may have written x0 (amoswap zero, ...), which the next out-of-line one would read.
                    mv.visitVarInsn(ALOAD, X);
                    mv.visitInsn(ICONST_0);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LASTORE);
                }
                epochCheck(i, next);
            }
        }

        /** After an access or an out-of-line instruction: the block ends if it changed the decode cache or stopped the hart. */
        private void afterCall(int i, long next, boolean last) {
            if (last) {
                setPc(next);
            } else {
                epochCheck(i, next);
            }
        }

        private void epochCheck(int i, long next) {
            Label same = new Label();
            mv.visitVarInsn(ALOAD, CODE_CACHE);
            mv.visitFieldInsn(GETFIELD, CODE, "epoch", "I");
            mv.visitVarInsn(ILOAD, EPOCH);
            mv.visitJumpInsn(IF_ICMPEQ, same);
            setPc(next);
            pushInt(i + 1);
            mv.visitInsn(IRETURN);
            mv.visitLabel(same);
        }

        private void branch(long d, int taken, boolean unsigned, long pc, long next) {
            Label yes = new Label();
            Label set = new Label();
            mv.visitVarInsn(ALOAD, H);
            reg(rs1(d));
            reg(rs2(d));
            if (unsigned) {
                compareUnsigned();
            } else {
                mv.visitInsn(LCMP);
            }
            mv.visitJumpInsn(taken, yes);
            pushLong(next);
            mv.visitJumpInsn(GOTO, set);
            mv.visitLabel(yes);
            pushLong(pc + imm(d));
            mv.visitLabel(set);
            mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
        }

        private void mayThrow(int i, long pc) {
            pushInt(i);
            mv.visitVarInsn(ISTORE, AT_INDEX);
            pushLong(pc);
            mv.visitVarInsn(LSTORE, AT_PC);
        }

        private void setPc(long pc) {
            mv.visitVarInsn(ALOAD, H);
            pushLong(pc);
            mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
        }

        private void writeConstant(int rd, long value) {
            mv.visitVarInsn(ALOAD, X);
            pushInt(rd);
            pushLong(value);
            mv.visitInsn(LASTORE);
        }

        private void reg(int r) {
            if (r == 0) {
                mv.visitInsn(LCONST_0);
            } else {
                mv.visitVarInsn(ALOAD, X);
                pushInt(r);
                mv.visitInsn(LALOAD);
            }
        }

        private void word(int r) {
            reg(r);
            mv.visitInsn(L2I);
        }

        private void binary(int a, int b, int insn) {
            reg(a);
            reg(b);
            mv.visitInsn(insn);
        }

        private void binaryImm(int a, long k, int insn) {
            reg(a);
            if (k != 0 || insn == LAND) {
                pushLong(k);
                mv.visitInsn(insn);
            }
        }

        private void shift(int a, int b, int insn) {
            reg(a);
            reg(b);
            mv.visitInsn(L2I);
            mv.visitInsn(insn);
        }

        private void words(int a, int b, int insn) {
            word(a);
            word(b);
            mv.visitInsn(insn);
            mv.visitInsn(I2L);
        }

        private void longOp(int a, int b, String name) {
            reg(a);
            reg(b);
            mv.visitMethodInsn(INVOKESTATIC, OPS, name, "(JJ)J", false);
        }

        private void wordOp(int a, int b, String name) {
            word(a);
            word(b);
            mv.visitMethodInsn(INVOKESTATIC, OPS, name, "(II)J", false);
        }

        private void compareUnsigned() {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        }

        /** Turns the int on the stack into 1L when {@code jump} would be taken on it, else 0L. */
        private void zeroOrOne(int jump) {
            Label yes = new Label();
            Label done = new Label();
            mv.visitJumpInsn(jump, yes);
            mv.visitInsn(LCONST_0);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(yes);
            mv.visitInsn(LCONST_1);
            mv.visitLabel(done);
        }

        private void pushInt(int v) {
            if (v >= -1 && v <= 5) {
                mv.visitInsn(ICONST_0 + v);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                mv.visitIntInsn(BIPUSH, v);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                mv.visitIntInsn(SIPUSH, v);
            } else {
                mv.visitLdcInsn(v);
            }
        }

        private void pushLong(long v) {
            if (v == 0L) {
                mv.visitInsn(LCONST_0);
            } else if (v == 1L) {
                mv.visitInsn(LCONST_1);
            } else {
                mv.visitLdcInsn(v);
            }
        }
    }
}
