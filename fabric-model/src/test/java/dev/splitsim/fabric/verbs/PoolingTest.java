package dev.splitsim.fabric.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Once warm, verbs reuse their messages, slots and completion entries: nothing is allocated per verb. */
final class PoolingTest {
    @Test
    void roundTripsReuseMessagesAndAllocateNothingOnceWarm() {
        TestBed bed = new TestBed();
        QueuePair[] p = bed.connected(0, 1);
        MemoryRegion local = bed.device[0].register(0, 0x10000, Access.LOCAL_WRITE);
        MemoryRegion remote = bed.device[1].register(0, 0x10000, Access.ALL);
        WorkCompletion wc = new WorkCompletion();
        long[] round = {0};
        Runnable burst = () -> {
            long t = bed.events.now() + 1;
            p[1].postReceive(round[0], 0x8000, remote.localKey(), 4096);
            p[0].postWrite(1, 0, local.localKey(), 4096, 0x100, remote.remoteKey(), t);
            p[0].postRead(2, 0x2000, local.localKey(), 1024, 0x100, remote.remoteKey(), t);
            p[0].postFetchAdd(3, 0x3000, local.localKey(), 0x40, remote.remoteKey(), 1, t);
            p[0].postSend(4, 0, local.localKey(), 512, t);
            for (int i = 0; i < 4; i++) {
                p[0].sendCompletions().await(t, wc);
            }
            p[1].receiveCompletions().await(t, wc);
            round[0]++;
        };
        for (int i = 0; i < 200; i++) {
            burst.run();
        }
        long objects = bed.fabric.messageObjects();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 2000; i++) {
            burst.run();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(bed.fabric.messageObjects()).as("message objects ever made").isEqualTo(objects);
        assertThat(objects).isLessThanOrEqualTo(8);
        assertThat(bed.readLong(1, 0x40)).as("every FETCH_ADD landed").isEqualTo(2200);
        assertThat(bed.fabric.inFlight()).isZero();
        // 2000 bursts of five verbs: a single object per verb would be hundreds of kilobytes.
        assertThat(allocated).as("bytes allocated by 10,000 verbs").isLessThan(16 * 1024);
    }
}
