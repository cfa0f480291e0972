package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  @Test
  void theBasemapOriginComesFromItsTemplate() {
    assertThat(SecurityHeaders.basemapSource(null)).isNull();
    assertThat(SecurityHeaders.basemapSource("")).isNull();
    assertThat(SecurityHeaders.basemapSource("/tiles/{z}/{x}/{y}.png")).isNull();
    assertThat(SecurityHeaders.basemapSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).isEqualTo("https://tile.openstreetmap.org");
    assertThat(SecurityHeaders.basemapSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).isEqualTo("https://*.tile.example.org");
    assertThat(SecurityHeaders.basemapSource("HTTPS://Tiles.Example.org:8443/a/{z}/{x}/{y}?key=k")).isEqualTo("https://tiles.example.org:8443");
    // a placeholder CSP cannot express: the scheme alone, still no inline anything
    assertThat(SecurityHeaders.basemapSource("https://tile-{s}.example.org/{z}/{x}/{y}.png")).isEqualTo("https:");
  }

  @Test
  void thePolicyAllowsNoInlineScriptOrStyle() {
    String csp = SecurityHeaders.contentSecurityPolicy("https://tile.openstreetmap.org", "'none'");
    assertThat(csp).contains("script-src 'self';", "style-src 'self';", "worker-src 'self' blob:;", "object-src 'none';");
    assertThat(csp).contains("img-src 'self' data: blob: https://tile.openstreetmap.org;");
    assertThat(csp).endsWith("frame-ancestors 'none'");
    assertThat(csp).doesNotContain("unsafe");
  }
}
