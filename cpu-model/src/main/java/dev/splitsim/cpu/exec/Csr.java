package dev.splitsim.cpu.exec;

/** Numbers of the control and status registers the hart implements (privileged spec, table 2.2-2.5). */
public final class Csr {
    private Csr() {}

    public static final int FFLAGS = 0x001;
    public static final int FRM = 0x002;
    public static final int FCSR = 0x003;
    public static final int CYCLE = 0xc00;
    public static final int TIME = 0xc01;
    public static final int INSTRET = 0xc02;
    public static final int HPMCOUNTER3 = 0xc03;
    public static final int HPMCOUNTER31 = 0xc1f;
    public static final int SATP = 0x180;
    public static final int MSTATUS = 0x300;
    public static final int MISA = 0x301;
    public static final int MEDELEG = 0x302;
    public static final int MIDELEG = 0x303;
    public static final int MIE = 0x304;
    public static final int MTVEC = 0x305;
    public static final int MCOUNTEREN = 0x306;
    public static final int MENVCFG = 0x30a;
    public static final int MCOUNTINHIBIT = 0x320;
    public static final int MHPMEVENT3 = 0x323;
    public static final int MHPMEVENT31 = 0x33f;
    public static final int MSCRATCH = 0x340;
    public static final int MEPC = 0x341;
    public static final int MCAUSE = 0x342;
    public static final int MTVAL = 0x343;
    public static final int MIP = 0x344;
    public static final int PMPCFG0 = 0x3a0;
    public static final int PMPCFG15 = 0x3af;
    public static final int PMPADDR0 = 0x3b0;
    public static final int PMPADDR63 = 0x3ef;
    public static final int MSECCFG = 0x747;
    public static final int TSELECT = 0x7a0;
    public static final int TDATA1 = 0x7a1;
    public static final int TDATA2 = 0x7a2;
    public static final int TDATA3 = 0x7a3;
    public static final int MCYCLE = 0xb00;
    public static final int MINSTRET = 0xb02;
    public static final int MHPMCOUNTER3 = 0xb03;
    public static final int MHPMCOUNTER31 = 0xb1f;
    public static final int MVENDORID = 0xf11;
    public static final int MARCHID = 0xf12;
    public static final int MIMPID = 0xf13;
    public static final int MHARTID = 0xf14;
    public static final int MCONFIGPTR = 0xf15;

    /** mstatus fields. */
    public static final long MSTATUS_MIE = 1L << 3;
    public static final long MSTATUS_MPIE = 1L << 7;
    public static final long MSTATUS_MPP = 3L << 11;
    public static final long MSTATUS_FS = 3L << 13;
    public static final long MSTATUS_MPRV = 1L << 17;
    public static final long MSTATUS_TW = 1L << 21;
    public static final long MSTATUS_UXL = 3L << 32;
    public static final long MSTATUS_SD = 1L << 63;

    /** The lowest privilege that may access a CSR is in bits 9..8 of its number. */
    static int minPrivilege(int csr) {
        return (csr >>> 8) & 3;
    }

    /** CSRs whose bits 11..10 are both set are read-only. */
    static boolean readOnly(int csr) {
        return (csr >>> 10) == 3;
    }
}
