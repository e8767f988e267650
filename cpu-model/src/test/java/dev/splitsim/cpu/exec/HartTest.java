package dev.splitsim.cpu.exec;

import static dev.splitsim.cpu.exec.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.mem.FlatMemory;
import org.junit.jupiter.api.Test;

/** Instruction groups executed on a bare-metal hart in M mode over flat memory. */
final class HartTest {
    private static final long BASE = 0x8000_0000L;
    private static final long DATA = BASE + 0x8000;

    private final FlatMemory ram = new FlatMemory(BASE, 1 << 20);
    private final Hart hart = new Hart(0, ram);

    private void load(int... words) {
        for (int k = 0; k < words.length; k++) {
            putWord(BASE + 4L * k, words[k]);
        }
        // The test writes code behind the hart's back, as no real page provider would.
        hart.flushTranslations();
        hart.pc = BASE;
    }

    private void putWord(long a, int w) {
        ram.write(a, new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)}, 0, 4);
    }

    private void putHalf(long a, int h) {
        ram.write(a, new byte[] {(byte) h, (byte) (h >>> 8)}, 0, 2);
    }

    @Test
    void integerArithmeticWrapsAndSignExtendsWordResults() {
        hart.x[1] = Long.MAX_VALUE;
        hart.x[2] = 1;
        hart.x[3] = 0x7fff_ffffL;
        hart.x[4] = -16;
        load(add(5, 1, 2), addw(6, 3, 2), srai(7, 4, 2), sraw(8, 4, 2), sltu(9, 2, 4), sub(10, 0, 2),
                slli(11, 2, 63), addi(0, 2, 5));
        hart.run(8);
        assertThat(hart.x[5]).isEqualTo(Long.MIN_VALUE);
        assertThat(hart.x[6]).isEqualTo(0xffff_ffff_8000_0000L);
        assertThat(hart.x[7]).isEqualTo(-4);
        assertThat(hart.x[8]).isEqualTo(-8);
        assertThat(hart.x[9]).isEqualTo(1);
        assertThat(hart.x[10]).isEqualTo(-1);
        assertThat(hart.x[11]).isEqualTo(Long.MIN_VALUE);
        assertThat(hart.x[0]).isZero();
        assertThat(hart.instret()).isEqualTo(8);
        assertThat(hart.pc).isEqualTo(BASE + 32);
    }

    @Test
    void multiplyAndDivideFollowTheSpecialCases() {
        hart.x[1] = Long.MIN_VALUE;
        hart.x[2] = -1;
        hart.x[3] = 0;
        hart.x[4] = 7;
        load(div(5, 1, 2), rem(6, 1, 2), div(7, 4, 3), divu(8, 4, 3), rem(9, 4, 3), remu(10, 4, 3),
                mulhu(11, 2, 2), mulh(12, 2, 2), mulhsu(13, 2, 2), mul(14, 1, 2), divw(15, 1, 2),
                remuw(16, 2, 4));
        hart.run(12);
        assertThat(hart.x[5]).isEqualTo(Long.MIN_VALUE);
        assertThat(hart.x[6]).isZero();
        assertThat(hart.x[7]).isEqualTo(-1);
        assertThat(hart.x[8]).isEqualTo(-1);
        assertThat(hart.x[9]).isEqualTo(7);
        assertThat(hart.x[10]).isEqualTo(7);
        assertThat(hart.x[11]).isEqualTo(-2);
        assertThat(hart.x[12]).isZero();
        assertThat(hart.x[13]).isEqualTo(-1);
        assertThat(hart.x[14]).isEqualTo(Long.MIN_VALUE);
        assertThat(hart.x[15]).isZero(); // the low word of MIN is 0, and 0 / -1 = 0
        assertThat(hart.x[16]).isEqualTo((0xffff_ffffL % 7));
    }

    @Test
    void loadsExtendAndStoresWriteLittleEndian() {
        hart.x[1] = DATA;
        hart.x[2] = 0x1122_3344_8899_aabbL;
        load(sd(2, 1, 0), lb(3, 1, 0), lhu(4, 1, 0), lw(5, 1, 0), ld(6, 1, 0), sw(2, 1, 8), ld(7, 1, 8));
        hart.run(7);
        assertThat(hart.x[3]).isEqualTo((long) (byte) 0xbb);
        assertThat(hart.x[4]).isEqualTo(0xaabbL);
        assertThat(hart.x[5]).isEqualTo((long) (int) 0x8899_aabb);
        assertThat(hart.x[6]).isEqualTo(0x1122_3344_8899_aabbL);
        assertThat(hart.x[7]).isEqualTo(0x8899_aabbL);
        assertThat(ram.readLong(DATA)).isEqualTo(0x1122_3344_8899_aabbL);
    }

    @Test
    void branchesAndJumpsLinkThePreviousPc() {
        hart.x[1] = 3;
        hart.x[2] = 3;
        load(beq(1, 2, 8), addi(5, 0, 1), Asm.j(6, 8), addi(5, 0, 2), jalr(7, 6, 0));
        hart.run(3);
        assertThat(hart.x[5]).isZero();
        assertThat(hart.x[6]).isEqualTo(BASE + 12);
        assertThat(hart.pc).isEqualTo(BASE + 12);
        hart.run(1);
        assertThat(hart.x[5]).isEqualTo(2);
        load(bltu(1, 0, 8), lui(8, 0xfffff), auipc(9, 1));
        hart.run(3);
        assertThat(hart.x[8]).isEqualTo(0xffff_ffff_ffff_f000L);
        assertThat(hart.x[9]).isEqualTo(BASE + 8 + 0x1000);
    }

    @Test
    void misalignedLoadTrapsToMtvecOnBareMetalAndSucceedsWhenEmulated() {
        hart.x[1] = DATA + 1;
        hart.x[10] = BASE + 0x100;
        load(csrrw(0, Csr.MTVEC, 10), ld(2, 1, 0));
        hart.run(2);
        assertThat(hart.readCsr(Csr.MCAUSE)).isEqualTo(Trap.MISALIGNED_LOAD);
        assertThat(hart.readCsr(Csr.MTVAL)).isEqualTo(DATA + 1);
        assertThat(hart.readCsr(Csr.MEPC)).isEqualTo(BASE + 4);
        assertThat(hart.pc).isEqualTo(BASE + 0x100);
        assertThat(hart.instret()).isEqualTo(1);

        Hart linux = new Hart(1, ram);
        linux.setMisalignedAccessAllowed(true);
        ram.writeLong(DATA + 0xff8, 0x0807_0605_0403_0201L);
        ram.writeLong(DATA + 0x1000, 0x100f_0e0d_0c0b_0a09L);
        linux.x[1] = DATA + 0xffd;
        putWord(BASE + 0x200, ld(2, 1, 0));
        linux.pc = BASE + 0x200;
        linux.run(1);
        assertThat(linux.x[2]).isEqualTo(0x0d0c_0b0a_0908_0706L);
    }

    @Test
    void accessOutsideRamIsAnAccessFaultWithTheAddress() {
        hart.x[1] = 0x10;
        load(csrrwi(0, Csr.MSCRATCH, 5), sd(1, 1, 0));
        hart.run(2);
        assertThat(hart.readCsr(Csr.MCAUSE)).isEqualTo(Trap.STORE_ACCESS);
        assertThat(hart.readCsr(Csr.MTVAL)).isEqualTo(0x10);
        assertThat(hart.readCsr(Csr.MSCRATCH)).isEqualTo(5);
    }

    @Test
    void atomicsAndReservations() {
        hart.x[1] = DATA;
        hart.x[2] = 5;
        hart.x[3] = -3;
        ram.writeLong(DATA, 10);
        load(amo(0x00, 3, 4, 1, 2), // amoadd.d x4 = old, mem += 5
                amo(0x10, 2, 5, 1, 3), // amomin.w: min(15, -3)
                amo(0x02, 3, 6, 1, 0), // lr.d
                amo(0x03, 3, 7, 1, 2), // sc.d succeeds
                amo(0x03, 3, 8, 1, 3), // sc.d fails: reservation gone
                amo(0x18, 2, 9, 1, 3)); // amominu.w: 5 vs 0xfffffffd
        hart.run(6);
        assertThat(hart.x[4]).isEqualTo(10);
        assertThat(hart.x[5]).isEqualTo(15);
        assertThat(hart.x[6]).isEqualTo(0xffff_fffdL);
        assertThat(hart.x[7]).isZero();
        assertThat(hart.x[8]).isEqualTo(1);
        assertThat(hart.x[9]).isEqualTo(5);
        assertThat(ram.readLong(DATA)).isEqualTo(5);
    }

    @Test
    void ecallFromUserModeTrapsToMachineModeAndMretReturns() {
        hart.x[10] = BASE + 0x40;
        hart.x[11] = BASE + 0x80;
        load(csrrw(0, Csr.MTVEC, 10), csrrw(0, Csr.MEPC, 11), mret());
        putWord(BASE + 0x80, ecall());
        putWord(BASE + 0x84, csrrs(5, Csr.MSTATUS, 0)); // illegal in U mode
        hart.run(4);
        assertThat(hart.privilege()).isEqualTo(Hart.PRIV_M);
        assertThat(hart.readCsr(Csr.MCAUSE)).isEqualTo(Trap.ECALL_FROM_U);
        assertThat(hart.readCsr(Csr.MEPC)).isEqualTo(BASE + 0x80);
        assertThat(hart.readCsr(Csr.MSTATUS) & Csr.MSTATUS_MPP).isZero();
        assertThat(hart.pc).isEqualTo(BASE + 0x40);
        hart.setPrivilege(Hart.PRIV_U);
        hart.pc = BASE + 0x84;
        hart.run(1);
        assertThat(hart.readCsr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(hart.readCsr(Csr.MTVAL)).isEqualTo(csrrs(5, Csr.MSTATUS, 0) & 0xffffffffL);
    }

    @Test
    void userTrapHandlerSeesSystemCallsAndFaults() {
        int[] calls = new int[1];
        long[] fault = new long[2];
        hart.setUserTrapHandler(new UserTrapHandler() {
            @Override
            public void ecall(Hart h) {
                calls[0]++;
                h.x[10] = h.x[17] * 2;
            }

            @Override
            public void exception(Hart h, int cause, long tval) {
                fault[0] = cause;
                fault[1] = tval;
                h.stop();
            }
        });
        hart.setPrivilege(Hart.PRIV_U);
        hart.x[17] = 21;
        load(ecall(), ld(5, 0, 8));
        long steps = hart.run(100);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(hart.x[10]).isEqualTo(42);
        assertThat(fault).containsExactly(Trap.LOAD_PAGE_FAULT, 8);
        assertThat(hart.pc).isEqualTo(BASE + 4);
        assertThat(steps).isEqualTo(2);
    }

    @Test
    void compressedInstructionsAdvanceTwoBytes() {
        putHalf(BASE, 0x4515); // c.li a0, 5
        putHalf(BASE + 2, 0x0505); // c.addi a0, 1
        putHalf(BASE + 4, 0x85aa); // c.mv a1, a0
        hart.pc = BASE;
        hart.run(3);
        assertThat(hart.x[10]).isEqualTo(6);
        assertThat(hart.x[11]).isEqualTo(6);
        assertThat(hart.pc).isEqualTo(BASE + 6);
    }

    @Test
    void storesToDecodedCodeAreSeenWithoutFenceI() {
        hart.x[1] = BASE + 8;
        hart.x[2] = addi(5, 0, 77);
        load(sw(2, 1, 0), addi(0, 0, 0), addi(5, 0, 1));
        hart.run(1);
        hart.pc = BASE + 8;
        hart.run(1);
        assertThat(hart.x[5]).isEqualTo(77);
    }

    @Test
    void floatingPointLoadsBoxAndMovesSignExtend() {
        ram.writeLong(DATA, 0x0000_0000_bf80_0000L);
        hart.x[1] = DATA;
        hart.x[2] = 0x1234_5678_4040_0000L;
        load(flw(1, 1, 0), fmvXW(3, 1), fmvWX(2, 2), fsw(2, 1, 8), ld(4, 1, 8));
        hart.run(5);
        assertThat(hart.f[1]).isEqualTo(0xffff_ffff_bf80_0000L);
        assertThat(hart.x[3]).isEqualTo(0xffff_ffff_bf80_0000L);
        assertThat(hart.f[2]).isEqualTo(0xffff_ffff_4040_0000L);
        assertThat(hart.x[4]).isEqualTo(0x4040_0000L);
    }

    @Test
    void reservedRoundingModeAndDisabledFpuAreIllegal() {
        hart.x[10] = BASE + 0x100;
        load(csrrw(0, Csr.MTVEC, 10), faddD(1, 2, 3, 5));
        hart.run(2);
        assertThat(hart.readCsr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(hart.readCsr(Csr.MEPC)).isEqualTo(BASE + 4);
        hart.writeCsr(Csr.MSTATUS, 0);
        putWord(BASE + 0x100, fmvXW(3, 1));
        hart.run(1);
        assertThat(hart.readCsr(Csr.MEPC)).isEqualTo(BASE + 0x100);
    }

    @Test
    void countersCountRetiredInstructions() {
        load(addi(1, 0, 1), addi(1, 1, 1), csrrs(5, Csr.INSTRET, 0), csrrs(6, Csr.CYCLE, 0),
                csrrw(0, Csr.MINSTRET, 0), csrrs(7, Csr.INSTRET, 0));
        hart.run(6);
        assertThat(hart.x[5]).isEqualTo(2);
        assertThat(hart.x[6]).isEqualTo(3);
        assertThat(hart.x[7]).isZero(); // the written value is what the counter holds after the write
    }

    @Test
    void runStopsAtItsBudgetEvenWhenEveryInstructionTraps() {
        hart.x[10] = 0x10; // mtvec outside RAM: every fetch faults
        load(csrrw(0, Csr.MTVEC, 10));
        assertThat(hart.run(1000)).isEqualTo(1000);
        assertThat(hart.readCsr(Csr.MCAUSE)).isEqualTo(Trap.FETCH_ACCESS);
    }
}
