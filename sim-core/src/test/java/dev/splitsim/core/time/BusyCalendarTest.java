package dev.splitsim.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class BusyCalendarTest {
    @Test
    void inOrderRequestsQueueBehindEachOther() {
        BusyCalendar c = new BusyCalendar();
        assertThat(c.reserve(100, 50)).isEqualTo(100);
        assertThat(c.reserve(120, 50)).isEqualTo(150);
        assertThat(c.reserve(300, 10)).isEqualTo(300);
        assertThat(c.lastEnd()).isEqualTo(310);
    }

    @Test
    void anEarlierRequestUsesTheGapBeforeALaterBooking() {
        BusyCalendar c = new BusyCalendar();
        c.reserve(1000, 100);
        // Booked later but earlier in simulated time: it fits before, it does not queue behind.
        assertThat(c.reserve(200, 100)).isEqualTo(200);
        // Too long for the gap left before 1000: it goes after the booking.
        assertThat(c.reserve(850, 200)).isEqualTo(1100);
        assertThat(c.reserve(850, 150)).isEqualTo(850);
        assertThat(c.firstFree(900)).isEqualTo(1300);
        assertThat(c.firstFree(400)).isEqualTo(400);
    }

    @Test
    void occupyMergesWhatItTouches() {
        BusyCalendar c = new BusyCalendar();
        c.reserve(100, 100);
        c.reserve(400, 100);
        c.occupy(150, 450);
        assertThat(c.firstFree(100)).isEqualTo(500);
        assertThat(c.reserve(0, 100)).isEqualTo(0);
        assertThat(c.reserve(0, 1)).isEqualTo(500);
    }
}
