package dev.splitsim.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.isa.Op;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The interpreter computes through {@link FpuCalls#compute}, compiled blocks call the method by
 * name with a descriptor built from its shape; both must be the same call. Each method named is
 * looked up by that descriptor and invoked on the operands in shape order, and must give what
 * {@code compute} gives, result and flags, on values that tell the operands apart.
 */
final class FpuCallsTest {
    private static final long[][] OPERANDS = {
        {bits(1.5), bits(-2.25), bits(0.1)},
        {single(1.5f), single(-2.25f), single(0.1f)},
        {-7, 3, 1L << 40},
    };

    @Test
    void computeMakesTheCallTheShapeDescribes() throws ReflectiveOperationException {
        int methods = 0;
        for (int op = 0; op < Op.COUNT; op++) {
            String name = FpuCalls.method(op);
            int shape = FpuCalls.shape(op);
            assertThat(shape == 0).as("opcode %d has a shape exactly when it has a method", op).isEqualTo(name == null);
            if (name == null) {
                continue;
            }
            Method m = Fpu.class.getMethod(name, parameters(shape));
            assertThat(m.getReturnType()).isEqualTo(long.class);
            for (long[] v : OPERANDS) {
                for (int rm = 0; rm <= 4; rm++) {
                    Fpu called = new Fpu();
                    long expected = (long) m.invoke(called, arguments(shape, v, rm));
                    Fpu computed = new Fpu();
                    assertThat(FpuCalls.compute(computed, op, v[0], v[1], v[2], rm)).as(name).isEqualTo(expected);
                    assertThat(computed.flags).as(name + " flags").isEqualTo(called.flags);
                }
            }
            methods++;
        }
        assertThat(methods).isEqualTo(54);
    }

    private static Class<?>[] parameters(int shape) {
        int sources = (shape & FpuCalls.SRC_MASK) == FpuCalls.SRC_X ? 1 : shape & FpuCalls.SRC_MASK;
        boolean rounds = (shape & FpuCalls.ROUNDS) != 0;
        Class<?>[] p = new Class<?>[sources + (rounds ? 1 : 0)];
        Arrays.fill(p, 0, sources, long.class);
        if (rounds) {
            p[sources] = int.class;
        }
        return p;
    }

    private static Object[] arguments(int shape, long[] v, int rm) {
        Class<?>[] p = parameters(shape);
        Object[] a = new Object[p.length];
        for (int k = 0; k < p.length; k++) {
            a[k] = p[k] == int.class ? (Object) rm : (Object) v[k];
        }
        return a;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long single(float v) {
        return Fpu.BOX | (Float.floatToRawIntBits(v) & 0xffff_ffffL);
    }
}
