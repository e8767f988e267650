package dev.splitsim.cpu.exec;

/** Encodes instruction words for tests, straight from the base formats of the unprivileged spec. */
final class Asm {
    private Asm() {}

    static int r(int opcode, int f3, int f7, int rd, int rs1, int rs2) {
        return opcode | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
    }

    static int i(int opcode, int f3, int rd, int rs1, int imm) {
        return opcode | rd << 7 | f3 << 12 | rs1 << 15 | (imm & 0xfff) << 20;
    }

    static int s(int opcode, int f3, int rs1, int rs2, int imm) {
        return opcode | (imm & 0x1f) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((imm >> 5) & 0x7f) << 25;
    }

    static int b(int f3, int rs1, int rs2, int off) {
        return 0x63 | ((off >> 11) & 1) << 7 | ((off >> 1) & 0xf) << 8 | f3 << 12 | rs1 << 15 | rs2 << 20
                | ((off >> 5) & 0x3f) << 25 | ((off >> 12) & 1) << 31;
    }

    static int u(int opcode, int rd, int imm20) {
        return opcode | rd << 7 | imm20 << 12;
    }

    static int j(int rd, int off) {
        return 0x6f | rd << 7 | ((off >> 12) & 0xff) << 12 | ((off >> 11) & 1) << 20 | ((off >> 1) & 0x3ff) << 21
                | ((off >> 20) & 1) << 31;
    }

    static int addi(int rd, int rs1, int imm) { return i(0x13, 0, rd, rs1, imm); }
    static int add(int rd, int rs1, int rs2) { return r(0x33, 0, 0, rd, rs1, rs2); }
    static int sub(int rd, int rs1, int rs2) { return r(0x33, 0, 0x20, rd, rs1, rs2); }
    static int slli(int rd, int rs1, int sh) { return i(0x13, 1, rd, rs1, sh); }
    static int srai(int rd, int rs1, int sh) { return i(0x13, 5, rd, rs1, 0x400 | sh); }
    static int sraw(int rd, int rs1, int rs2) { return r(0x3b, 5, 0x20, rd, rs1, rs2); }
    static int addw(int rd, int rs1, int rs2) { return r(0x3b, 0, 0, rd, rs1, rs2); }
    static int sltu(int rd, int rs1, int rs2) { return r(0x33, 3, 0, rd, rs1, rs2); }
    static int mul(int rd, int rs1, int rs2) { return r(0x33, 0, 1, rd, rs1, rs2); }
    static int mulh(int rd, int rs1, int rs2) { return r(0x33, 1, 1, rd, rs1, rs2); }
    static int mulhsu(int rd, int rs1, int rs2) { return r(0x33, 2, 1, rd, rs1, rs2); }
    static int mulhu(int rd, int rs1, int rs2) { return r(0x33, 3, 1, rd, rs1, rs2); }
    static int div(int rd, int rs1, int rs2) { return r(0x33, 4, 1, rd, rs1, rs2); }
    static int divu(int rd, int rs1, int rs2) { return r(0x33, 5, 1, rd, rs1, rs2); }
    static int rem(int rd, int rs1, int rs2) { return r(0x33, 6, 1, rd, rs1, rs2); }
    static int remu(int rd, int rs1, int rs2) { return r(0x33, 7, 1, rd, rs1, rs2); }
    static int divw(int rd, int rs1, int rs2) { return r(0x3b, 4, 1, rd, rs1, rs2); }
    static int remuw(int rd, int rs1, int rs2) { return r(0x3b, 7, 1, rd, rs1, rs2); }
    static int lb(int rd, int rs1, int imm) { return i(0x03, 0, rd, rs1, imm); }
    static int lhu(int rd, int rs1, int imm) { return i(0x03, 5, rd, rs1, imm); }
    static int lw(int rd, int rs1, int imm) { return i(0x03, 2, rd, rs1, imm); }
    static int ld(int rd, int rs1, int imm) { return i(0x03, 3, rd, rs1, imm); }
    static int sw(int rs2, int rs1, int imm) { return s(0x23, 2, rs1, rs2, imm); }
    static int sd(int rs2, int rs1, int imm) { return s(0x23, 3, rs1, rs2, imm); }
    static int beq(int rs1, int rs2, int off) { return b(0, rs1, rs2, off); }
    static int bltu(int rs1, int rs2, int off) { return b(6, rs1, rs2, off); }
    static int jalr(int rd, int rs1, int imm) { return i(0x67, 0, rd, rs1, imm); }
    static int lui(int rd, int imm20) { return u(0x37, rd, imm20); }
    static int auipc(int rd, int imm20) { return u(0x17, rd, imm20); }
    static int csrrw(int rd, int csr, int rs1) { return i(0x73, 1, rd, rs1, csr); }
    static int csrrs(int rd, int csr, int rs1) { return i(0x73, 2, rd, rs1, csr); }
    static int csrrwi(int rd, int csr, int uimm) { return i(0x73, 5, rd, uimm, csr); }
    static int ecall() { return 0x73; }
    static int ebreak() { return 0x00100073; }
    static int mret() { return 0x30200073; }
    static int fenceI() { return 0x0000100f; }

    static int amo(int funct5, int width, int rd, int rs1, int rs2) {
        return r(0x2f, width, funct5 << 2, rd, rs1, rs2);
    }

    static int flw(int rd, int rs1, int imm) { return i(0x07, 2, rd, rs1, imm); }
    static int fsw(int rs2, int rs1, int imm) { return s(0x27, 2, rs1, rs2, imm); }
    static int fmvXW(int rd, int rs1) { return r(0x53, 0, 0x70, rd, rs1, 0); }
    static int fmvWX(int rd, int rs1) { return r(0x53, 0, 0x78, rd, rs1, 0); }
    static int faddD(int rd, int rs1, int rs2, int rm) { return r(0x53, rm, 0x01, rd, rs1, rs2); }
}
