package io.slotgate.cache.redis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisSettingsTest {
    @Test
    void aPlainUrlIsStandaloneWithTheDefaults() {
        RedisSettings s = RedisSettings.parse("redis://cache.internal:6379");
        assertThat(s.mode()).isEqualTo(RedisSettings.Mode.STANDALONE);
        assertThat(s.retention()).isEqualTo(Duration.ofHours(6));
        assertThat(s.channel()).isEqualTo("sg:invalidations");
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.lettuceUrls()).containsExactly("redis://cache.internal:6379");
    }

    @Test
    void slotgatesOwnParametersAreTakenOutAndLettucesAreKept() {
        RedisSettings s = RedisSettings.parse(
                "redis://h:6379/2?retention=90m&channel=sg:prod:invalidations&lease=2s&health=250ms&timeout=1s&clientName=sg");
        assertThat(s.retention()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.channel()).isEqualTo("sg:prod:invalidations");
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.healthEvery()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.lettuceUrl()).isEqualTo("redis://h:6379/2?timeout=1s&clientName=sg");
    }

    @Test
    void sentinelAndClusterAreRecognisedAndClusterSeedsBecomeNodeUrls() {
        assertThat(RedisSettings.parse("redis-sentinel://s1:26379,s2:26379?sentinelMasterId=main").mode())
                .isEqualTo(RedisSettings.Mode.SENTINEL);
        RedisSettings cluster = RedisSettings.parse("redis-cluster://:secret@n1:7000,n2:7001?retention=1h");
        assertThat(cluster.mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
        assertThat(cluster.lettuceUrls()).isEqualTo(List.of("redis://:secret@n1:7000", "redis://:secret@n2:7001"));
    }

    @Test
    void passwordsNeverReachTheLogs() {
        RedisSettings s = RedisSettings.parse("redis://user:hunter2@h:6379");
        assertThat(s.redacted()).doesNotContain("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    @Test
    void aWrongSchemeOrDurationIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> RedisSettings.parse("http://h:6379"))
                .hasMessageContaining("redis-url must start with redis://");
        assertThatThrownBy(() -> RedisSettings.parse("redis://h?retention=forever"))
                .hasMessageContaining("retention must be a duration");
    }
}
