package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.coplan.http.ApiProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CrsTest {
  static final List<Crs> TANDALE = Crs.supported(32737);

  @Test
  void aSettlementSpeaksCrs84Epsg4326WebMercatorAndItsUtmZone() {
    assertThat(Crs.uris(TANDALE))
        .containsExactly(
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "http://www.opengis.net/def/crs/EPSG/0/4326",
            "http://www.opengis.net/def/crs/EPSG/0/3857",
            "http://www.opengis.net/def/crs/EPSG/0/32737");
    // a settlement whose metric CRS is Web Mercator does not list it twice
    assertThat(Crs.supported(3857)).hasSize(3);
  }

  @Test
  void absentIsCrs84() {
    assertThat(Crs.parse("crs", null, TANDALE)).isEqualTo(Crs.CRS84);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84    | 4326  | false | CRS84",
        "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>  | 4326  | false | CRS84",
        "OGC:CRS84                                       | 4326  | false | CRS84",
        "[OGC:CRS84]                                     | 4326  | false | CRS84",
        "http://www.opengis.net/def/crs/EPSG/0/4326      | 4326  | true  | EPSG/0/4326",
        "EPSG:4326                                       | 4326  | true  | EPSG/0/4326",
        "https://www.opengis.net/def/crs/EPSG/0/3857     | 3857  | false | EPSG/0/3857",
        "[EPSG:3857]                                     | 3857  | false | EPSG/0/3857",
        "<http://www.opengis.net/def/crs/EPSG/0/32737>   | 32737 | false | EPSG/0/32737",
        "epsg:32737                                      | 32737 | false | EPSG/0/32737",
      })
  void readsUrisCuriesAndHeaderForms(String raw, int srid, boolean latFirst, String uriEnd) {
    Crs crs = Crs.parse("crs", raw, TANDALE);
    assertThat(crs.srid()).isEqualTo(srid);
    assertThat(crs.latFirst()).isEqualTo(latFirst);
    assertThat(crs.uri()).endsWith(uriEnd);
    assertThat(crs.header()).isEqualTo("<" + crs.uri() + ">");
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"EPSG:32736", "EPSG:2154", "http://www.opengis.net/def/crs/EPSG/0/9999", "WGS84", "", "EPSG:"})
  void anythingElseIsA400ListingTheSupportedCrss(String raw) {
    ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Crs.parse("bbox-crs", raw, TANDALE));
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.errors()).singleElement().satisfies(f -> assertThat(f.parameter()).isEqualTo("bbox-crs"));
    assertThat(p.detail())
        .isEqualTo(
            "parameter 'bbox-crs': unsupported CRS '" + raw + "'; supported: http://www.opengis.net/def/crs/OGC/1.3/CRS84,"
                + " http://www.opengis.net/def/crs/EPSG/0/4326, http://www.opengis.net/def/crs/EPSG/0/3857,"
                + " http://www.opengis.net/def/crs/EPSG/0/32737");
  }

  @Test
  void geographicMeansDegrees() {
    assertThat(Crs.CRS84.geographic()).isTrue();
    assertThat(Crs.EPSG_4326.geographic()).isTrue();
    assertThat(Crs.WEB_MERCATOR.geographic()).isFalse();
    assertThat(TANDALE.get(3).geographic()).isFalse();
  }
}
