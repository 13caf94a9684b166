package io.slotgate.simulator.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator follows the bookings it made by the uid Cal.com returned, read as JSON, not by a string search. */
class BookingUidTest {
    @Test
    void theUidIsTheBookingsOwnNotTheFirstUidInTheText() {
        String body = "{\"status\":\"success\",\"data\":{\"eventType\":{\"uid\":\"not-this\"},\"uid\":\"bk_1\"}}";
        assertThat(PolicyRun.uidOf(body)).contains("bk_1");
    }

    @Test
    void aRecurringBookingGivesItsFirstOccurrencesUid() {
        String body = "{\"status\":\"success\",\"data\":[{\"uid\":\"bk_1\"},{\"uid\":\"bk_2\"}]}";
        assertThat(PolicyRun.uidOf(body)).contains("bk_1");
    }

    @Test
    void anErrorBodyOrGarbageHasNoUid() {
        assertThat(PolicyRun.uidOf("{\"status\":\"error\",\"error\":{\"code\":\"BAD_REQUEST\"}}")).isEmpty();
        assertThat(PolicyRun.uidOf("<html>oops</html>")).isEmpty();
    }
}
