package io.slotgate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void defaultsAreSlotgatesPolicyOnPort8080AgainstHostedCalcom() {
        SlotgateConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.calcomUrl().toString()).isEqualTo("https://api.cal.com");
        assertThat(config.policy()).isEqualTo("slotgate");
        assertThat(config.adminToken()).isEmpty();
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.tenants()).hasSize(1);
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slotgate.json");
        Files.writeString(file, "{\"port\": 9001, \"calcom-url\": \"http://file\", \"policy\": \"from-file\","
                + " \"upstream-timeout-seconds\": 7}");
        Map<String, String> env = Map.of("SLOTGATE_PORT", "9002", "SLOTGATE_CALCOM_URL", "http://env", "HOME", "/root");
        Map<String, String> cli = new HashMap<>();
        cli.put("port", "9003");
        cli.put("calcom-url", null);
        SlotgateConfig config = ConfigLoader.load(Optional.of(file), env, cli);
        assertThat(config.port()).isEqualTo(9003);
        assertThat(config.calcomUrl().toString()).isEqualTo("http://env");
        assertThat(config.policy()).isEqualTo("from-file");
        assertThat(config.upstreamRequestTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void agentTokensComeFromTheFileTheEnvironmentAndEachTenantsEntry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slotgate.json");
        Files.writeString(file, "{\"agent-token\": \"agt_file\", \"tenants\": [{\"id\": \"acme\", "
                + "\"agent-token\": \"agt_acme\"}, {\"id\": \"beta\"}]}");
        SlotgateConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        assertThat(fromFile.defaultTenant().agentToken().orElseThrow().reveal()).isEqualTo("agt_file");
        assertThat(fromFile.tenants().get(1).agentToken().orElseThrow().reveal()).isEqualTo("agt_acme");
        assertThat(fromFile.tenants().get(2).agentToken()).as("no fallback to the default tenant's").isEmpty();
        SlotgateConfig overridden = ConfigLoader.load(Optional.of(file), Map.of("SLOTGATE_AGENT_TOKEN", "agt_env"),
                Map.of("agent-token", "agt_cli"));
        assertThat(overridden.defaultTenant().agentToken().orElseThrow().reveal()).isEqualTo("agt_cli");
    }

    @Test
    void tenantsBeyondTheDefaultComeFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slotgate.json");
        Files.writeString(file, "{\"tenants\": [{\"id\": \"acme\", \"calcom-api-key\": \"cal_live_acme\","
                + " \"webhook-secret\": \"whsec\"}]}");
        SlotgateConfig config = ConfigLoader.load(Optional.of(file), Map.of(), Map.of("calcom-api-key", "cal_live_default"));
        assertThat(config.tenants()).extracting(t -> t.id().value()).containsExactly("default", "acme");
        assertThat(config.tenants().get(1).calcomApiKey().orElseThrow().reveal()).isEqualTo("cal_live_acme");
        assertThat(config.tenants().get(1).calcomUrl()).isEqualTo(config.calcomUrl());
    }

    @Test
    void mistakesAreToldInOneLineNamingTheSetting(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("SLOTGATE_PORT", "eighty"), Map.of()))
                .isInstanceOf(ConfigLoader.ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("calcom-url", "ftp://x")))
                .isInstanceOf(ConfigLoader.ConfigException.class).hasMessageContaining("calcom-url");
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"tenants\": [{\"id\": \"Not Valid\"}]}");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigLoader.ConfigException.class).hasMessageContaining("tenants[0]");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.json")), Map.of(), Map.of()))
                .isInstanceOf(ConfigLoader.ConfigException.class).hasMessageContaining("missing.json");
    }

    @Test
    void secretsPrintAsAsterisks() {
        SlotgateConfig config = ConfigLoader.load(Optional.empty(), Map.of("SLOTGATE_CALCOM_API_KEY", "cal_live_topsecret"),
                Map.of("webhook-secret", "whsec_topsecret"));
        assertThat(config.toString()).doesNotContain("topsecret").contains("****");
    }

    @Test
    void theUpstreamDisciplineDefaultsToCalcomsLimitLessAMarginAndIsConfigurable(@TempDir Path dir) throws Exception {
        SlotgateConfig defaults = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(defaults.rateBudget()).isEqualTo(io.slotgate.calcom.RateBudget.Settings.defaults());
        assertThat(defaults.rateBudget().limit()).isEqualTo(120);
        assertThat(defaults.rateBudget().margin()).isEqualTo(4);
        assertThat(defaults.rateBudget().maxUserWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.retry().maxRetries()).isEqualTo(2);
        assertThat(defaults.circuitBreaker().consecutiveFailures()).isEqualTo(5);
        assertThat(defaults.circuitBreaker().coolDown()).isEqualTo(Duration.ofSeconds(30));

        Path file = dir.resolve("slotgate.json");
        Files.writeString(file, "{\"rate-limit-per-minute\": 150, \"rate-limit-user-wait-ms\": 500,"
                + " \"rate-limit-margin\": 6, \"circuit-cool-down-seconds\": 10}");
        SlotgateConfig config = ConfigLoader.load(Optional.of(file),
                Map.of("SLOTGATE_UPSTREAM_RETRIES", "1", "SLOTGATE_RATE_LIMIT_BACKGROUND_RESERVE_PERCENT", "50"),
                Map.of());
        assertThat(config.rateBudget().limit()).isEqualTo(150);
        assertThat(config.rateBudget().perWindow()).isEqualTo(144);
        assertThat(config.rateBudget().maxUserWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.rateBudget().backgroundReservePercent()).isEqualTo(50);
        assertThat(config.retry().maxRetries()).isEqualTo(1);
        assertThat(config.circuitBreaker().coolDown()).isEqualTo(Duration.ofSeconds(10));

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("SLOTGATE_RATE_LIMIT_PER_MINUTE", "50", "SLOTGATE_RATE_LIMIT_BURST", "10"), Map.of()))
                .as("a setting that no longer exists is refused, not ignored")
                .isInstanceOf(ConfigLoader.ConfigException.class).hasMessageContaining("burst");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("SLOTGATE_RATE_LIMIT_PER_MINUTE", "50", "SLOTGATE_RATE_LIMIT_MARGIN", "50"), Map.of()))
                .isInstanceOf(ConfigLoader.ConfigException.class).hasMessageContaining("margin");
    }
}
