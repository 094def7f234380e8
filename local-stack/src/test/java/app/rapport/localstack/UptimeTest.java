package app.rapport.localstack;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UptimeTest {

    @Test
    void secondsMinutesHoursDays() {
        assertEquals("0s", Uptime.format(Duration.ZERO));
        assertEquals("0s", Uptime.format(Duration.ofSeconds(-3)), "a clock step back is no negative uptime");
        assertEquals("59s", Uptime.format(Duration.ofSeconds(59)));
        assertEquals("1m00s", Uptime.format(Duration.ofSeconds(60)));
        assertEquals("3m05s", Uptime.format(Duration.ofSeconds(185)));
        assertEquals("59m59s", Uptime.format(Duration.ofSeconds(3599)));
        assertEquals("1h00m", Uptime.format(Duration.ofHours(1)));
        assertEquals("2h07m", Uptime.format(Duration.ofMinutes(127).plusSeconds(59)));
        assertEquals("1d00h", Uptime.format(Duration.ofDays(1)));
        assertEquals("4d03h", Uptime.format(Duration.ofDays(4).plusHours(3).plusMinutes(59)));
    }
}
