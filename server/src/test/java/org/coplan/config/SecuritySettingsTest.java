package org.coplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {
  @Test
  void frameAncestorsAcceptsCspSourcesOnly() {
    assertThat(SecuritySettings.frameAncestors("'self'")).isEqualTo("'self'");
    assertThat(SecuritySettings.frameAncestors("  'self'   https://partner.example.org ")).isEqualTo("'self' https://partner.example.org");
    assertThat(SecuritySettings.frameAncestors("'none'")).isEqualTo("'none'");
    assertThat(SecuritySettings.frameAncestors("https://*.example.org:8443")).isEqualTo("https://*.example.org:8443");
    // no second directive, no header injection
    assertThatThrownBy(() -> SecuritySettings.frameAncestors("'self'; script-src *")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> SecuritySettings.frameAncestors("'self'\r\nSet-Cookie: x=y")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> SecuritySettings.frameAncestors("'unsafe-inline'")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> SecuritySettings.frameAncestors("")).hasMessageContaining("'none'");
  }

  @Test
  void corsOriginsAreSchemeHostAndPort() {
    assertThat(SecuritySettings.corsOrigins("")).isEmpty();
    assertThat(SecuritySettings.corsOrigins("https://Maps.Example.org, http://localhost:5173,"))
        .containsExactly("https://maps.example.org", "http://localhost:5173");
    assertThat(SecuritySettings.corsOrigins("*")).containsExactly("*");
    assertThatThrownBy(() -> SecuritySettings.corsOrigins("https://maps.example.org/")).hasMessageContaining("no trailing slash");
    assertThatThrownBy(() -> SecuritySettings.corsOrigins("maps.example.org")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> SecuritySettings.corsOrigins("https://a.org/path")).isInstanceOf(ConfigException.class);
  }

  @Test
  void theDefaultsAreStrict() {
    CoplanConfig.Security s = CoplanConfig.from(Arguments.of(Map.of())).security();
    assertThat(s.frameAncestors()).isEqualTo("'self'");
    assertThat(s.corsOrigins()).isEmpty();
    assertThat(s.adminPassword()).isNull();
    assertThat(s.sessionIdleHours()).isEqualTo(12);
    assertThat(s.sessionMaxDays()).isEqualTo(7);
  }

  @Test
  void passwordsAreMaskedInTheStartUpLog() {
    Arguments args = Arguments.of(Map.of("admin-password", "s3cret-s3cret", "demo-password", "another-secret"));
    CoplanConfig.from(args);
    assertThat(args.described()).filteredOn(d -> d.key().equals("admin-password") || d.key().equals("demo-password")).extracting(Arguments.Described::value).containsOnly("****");
    assertThat(args.described().toString()).doesNotContain("s3cret", "another-secret");
  }

  @Test
  void trustedProxiesAreIpAddressesOnly() throws Exception {
    assertThat(SecuritySettings.trustedProxies("127.0.0.1, ::1,10.0.0.5"))
        .containsExactly(
            java.net.InetAddress.getByName("127.0.0.1"),
            java.net.InetAddress.getByName("::1"),
            java.net.InetAddress.getByName("10.0.0.5"));
    assertThat(SecuritySettings.trustedProxies(" , ")).isEmpty();
    // a host name would need DNS at start-up and could change under us
    assertThatThrownBy(() -> SecuritySettings.trustedProxies("proxy.example.org")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> SecuritySettings.trustedProxies("127.0.0.1; rm")).isInstanceOf(ConfigException.class);
  }
}
