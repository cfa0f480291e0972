package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.coplan.http.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BboxTest {
  @Test
  void absentMeansNoFilter() {
    assertThat(Bbox.parse(null)).isNull();
  }

  @Test
  void readsFourNumbersAsLonLatCorners() {
    assertThat(Bbox.parse("39.24,-6.8,39.242,-6.798")).isEqualTo(new Bbox(39.24, -6.8, 39.242, -6.798));
  }

  @Test
  void toleratesSpacesSignsAndExponents() {
    assertThat(Bbox.parse(" +39.24 , -6.8e0,3.9242E1,-.6798e1")).isEqualTo(new Bbox(39.24, -6.8, 39.242, -6.798));
  }

  @Test
  void ignoresTheHeightsOfSixNumbers() {
    assertThat(Bbox.parse("39.24,-6.8,-10,39.242,-6.798,250")).isEqualTo(new Bbox(39.24, -6.8, 39.242, -6.798));
  }

  @Test
  void acceptsTheWholeWorldAndADegenerateBox() {
    assertThat(Bbox.parse("-180,-90,180,90")).isEqualTo(new Bbox(-180, -90, 180, 90));
    assertThat(Bbox.parse("39.24,-6.8,39.24,-6.8")).isEqualTo(new Bbox(39.24, -6.8, 39.24, -6.8));
  }

  @ParameterizedTest(name = "bbox={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                   | must be 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights; got none",
        "1,2,3                | must be 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights; got 3 values",
        "1,2,3,4,5            | got 5 values",
        "1,2,3,4,5,6,7        | got 7 values",
        "1,2,,4               | value 3 ('') is not a number",
        "1,abc,3,4            | value 2 ('abc') is not a number",
        "NaN,2,3,4            | value 1 ('NaN') is not a number",
        "1,2,Infinity,4       | value 3 ('Infinity') is not a number",
        "0x1p3,2,3,4          | value 1 ('0x1p3') is not a number",
        "1,2,3,4d             | value 4 ('4d') is not a number",
        "1,2,h,3,4,5          | value 3 ('h') is not a number",
        "-181,0,1,1           | longitude -181.0 is outside -180..180",
        "0,0,180.5,1          | longitude 180.5 is outside -180..180",
        "0,-91,1,1            | latitude -91.0 is outside -90..90",
        "0,0,1,90.01          | latitude 90.01 is outside -90..90",
        "0,5,1,4              | minimum latitude 5.0 is greater than maximum latitude 4.0",
        "170,0,-170,1         | minimum longitude 170.0 is greater than maximum longitude -170.0: boxes crossing"
            + " the antimeridian are not supported",
      })
  void refusesWithAProblemNamingBboxAndWhy(String raw, String reason) {
    ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Bbox.parse(raw));
    assertThat(p).as("bbox=%s must be refused", raw).isNotNull();
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.slug()).isEqualTo("invalid-parameter");
    assertThat(p.detail()).startsWith("parameter 'bbox': ").contains(reason);
    assertThat(p.errors()).singleElement().satisfies(f -> assertThat(f.parameter()).isEqualTo("bbox"));
  }

  @Test
  void epsg4326TakesLatitudeFirstAndStoresLongitudeFirst() {
    assertThat(Bbox.parse("-6.8,39.24,-6.798,39.242", Crs.EPSG_4326)).isEqualTo(new Bbox(39.24, -6.8, 39.242, -6.798));
    // longitude first by mistake: 39.24 passes as a latitude, but not 139.24
    ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Bbox.parse("139.24,-6.8,139.242,-6.798", Crs.EPSG_4326));
    assertThat(p.detail()).contains("latitude 139.24 is outside -90..90");
  }

  @Test
  void aProjectedBoxKeepsItsMetresAndSrid() {
    Crs utm = Crs.supported(32737).get(3);
    assertThat(Bbox.parse("526000,9247000,527000,9248000", utm))
        .isEqualTo(new Bbox(526000, 9247000, 527000, 9248000, 32737));
    ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> Bbox.parse("527000,9247000,526000,9248000", utm));
    assertThat(p.detail()).isEqualTo("parameter 'bbox': minimum x 527000.0 is greater than maximum x 526000.0");
    ApiProblem count = catchThrowableOfType(ApiProblem.class, () -> Bbox.parse("1,2,3", utm));
    assertThat(count.detail()).contains("must be 4 numbers (minX,minY,maxX,maxY)");
  }
}
