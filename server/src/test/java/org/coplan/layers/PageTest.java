package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;
import org.coplan.http.ApiProblem;
import org.coplan.http.Link;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTest {
  private static final String ITEMS = "http://example.org/api/settlements/s/plans/baseline/collections/structures/items";

  @Test
  void defaultsToTheFirstHundred() {
    assertThat(Page.parse(null, null)).isEqualTo(new Page(0, 100));
  }

  @Test
  void readsLimitAndOffset() {
    assertThat(Page.parse("25", "50")).isEqualTo(new Page(50, 25));
    assertThat(Page.parse("10000", "0")).isEqualTo(new Page(0, 10_000));
  }

  @Test
  void clampsALimitAboveTheMaximumEvenBeyondLongRange() {
    assertThat(Page.parse("10001", null).limit()).isEqualTo(10_000);
    assertThat(Page.parse("99999999999999999999999", null).limit()).isEqualTo(10_000);
  }

  @ParameterizedTest(name = "limit={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0     | must be at least 1; got '0'",
        "-5    | must be at least 1; got '-5'",
        "''    | must be a whole number from 1 to 10000; got ''",
        "ten   | must be a whole number from 1 to 10000; got 'ten'",
        "2.5   | must be a whole number from 1 to 10000; got '2.5'",
        "1e3   | must be a whole number from 1 to 10000; got '1e3'",
      })
  void refusesBadLimits(String raw, String reason) {
    assertRefused(() -> Page.parse(raw, null), "limit", reason);
  }

  @ParameterizedTest(name = "offset={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-1          | must not be negative; got '-1'",
        "x           | must be a whole number from 0; got 'x'",
        "1.0         | must be a whole number from 0; got '1.0'",
        "2147483648  | must be at most 2147483647; got '2147483648'",
      })
  void refusesBadOffsets(String raw, String reason) {
    assertRefused(() -> Page.parse(null, raw), "offset", reason);
  }

  @Test
  void countsWhatThePageHolds() {
    assertThat(new Page(0, 100).returned(8085)).isEqualTo(100);
    assertThat(new Page(8000, 100).returned(8085)).isEqualTo(85);
    assertThat(new Page(9000, 100).returned(8085)).isZero();
    assertThat(new Page(0, 100).returned(0)).isZero();
  }

  @Test
  void firstPageLinksSelfAndNextOnly() {
    List<Link> links = new Page(0, 100).links(URI.create(ITEMS), 250);
    assertThat(links).extracting(Link::rel).containsExactly("self", "next");
    assertThat(links.get(0).href()).isEqualTo(ITEMS);
    assertThat(links.get(1).href()).isEqualTo(ITEMS + "?limit=100&offset=100");
    assertThat(links).extracting(Link::type).containsOnly("application/geo+json");
  }

  @Test
  void middlePageKeepsOtherParametersAsWrittenAndReplacesPaging() {
    URI request = URI.create(ITEMS + "?bbox=39.2,-6.9,39.3,-6.7&offset=100&f=json&limit=100&note=a%20b&flag");
    List<Link> links = new Page(100, 100).links(request, 250);
    assertThat(links).extracting(Link::rel).containsExactly("self", "next", "prev");
    assertThat(links.get(0).href()).isEqualTo(request.toString());
    assertThat(links.get(1).href()).isEqualTo(ITEMS + "?bbox=39.2,-6.9,39.3,-6.7&f=json&note=a%20b&flag&limit=100&offset=200");
    assertThat(links.get(2).href()).isEqualTo(ITEMS + "?bbox=39.2,-6.9,39.3,-6.7&f=json&note=a%20b&flag&limit=100&offset=0");
  }

  @Test
  void lastPageHasNoNextAndPrevNeverGoesBelowZero() {
    List<Link> links = new Page(230, 100).links(URI.create(ITEMS + "?offset=230"), 250);
    assertThat(links).extracting(Link::rel).containsExactly("self", "prev");
    assertThat(links.get(1).href()).isEqualTo(ITEMS + "?limit=100&offset=130");
    assertThat(new Page(30, 100).links(URI.create(ITEMS), 250).get(2).href()).endsWith("?limit=100&offset=0");
  }

  @Test
  void aPageEndingExactlyAtTheLastFeatureHasNoNext() {
    assertThat(new Page(200, 50).links(URI.create(ITEMS), 250)).extracting(Link::rel).containsExactly("self", "prev");
  }

  @Test
  void clampedLimitIsWhatNextLinksCarry() {
    Page page = Page.parse("50000", null);
    List<Link> links = page.links(URI.create(ITEMS + "?limit=50000"), 20_000);
    assertThat(links.get(1).href()).isEqualTo(ITEMS + "?limit=10000&offset=10000");
  }

  @Test
  void recognisesPercentEncodedParameterNames() {
    List<Link> links = new Page(0, 10).links(URI.create(ITEMS + "?%6Cimit=10"), 25);
    assertThat(links.get(1).href()).isEqualTo(ITEMS + "?limit=10&offset=10");
  }

  private static void assertRefused(Runnable parse, String parameter, String reason) {
    ApiProblem p = catchThrowableOfType(ApiProblem.class, parse::run);
    assertThat(p).isNotNull();
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.detail()).isEqualTo("parameter '" + parameter + "': " + reason);
    assertThat(p.errors()).singleElement().satisfies(f -> assertThat(f.parameter()).isEqualTo(parameter));
  }
}
