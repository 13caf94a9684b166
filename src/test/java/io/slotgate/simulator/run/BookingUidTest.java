package io.slotgate.simulator.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator follows the bookings it made by the uid Cal.com returned, read as JSON, not by a string search. */
class BookingUidTest {
    @Test
    void theUidIsTheBookingsOwnNotTheFirstUidInTheText() {
        String body = "{\"status\":\"success\",\"data\":{\"eventType\":{\"uid\":\"not-this\"},\"uid\":\"bk_1\"}}";
        assertThat(BookingUids.uidOf(body)).contains("bk_1");
    }

    @Test
    void aRecurringBookingGivesItsFirstOccurrencesUid() {
        String body = "{\"status\":\"success\",\"data\":[{\"uid\":\"bk_1\"},{\"uid\":\"bk_2\"}]}";
        assertThat(BookingUids.uidOf(body)).contains("bk_1");
    }

    @Test
    void anErrorBodyOrGarbageHasNoUid() {
        assertThat(BookingUids.uidOf("{\"status\":\"error\",\"error\":{\"code\":\"BAD_REQUEST\"}}")).isEmpty();
        assertThat(BookingUids.uidOf("<html>oops</html>")).isEmpty();
    }
}
