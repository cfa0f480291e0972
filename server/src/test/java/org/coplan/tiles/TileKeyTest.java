package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.coplan.http.ApiProblem;
import org.junit.jupiter.api.Test;

class TileKeyTest {
  @Test
  void parsesTheCornersOfTheTileMatrix() {
    assertThat(TileKey.parse("s", "p", "0", "0", "0")).isEqualTo(new TileKey("s", "p", 0, 0, 0));
    assertThat(TileKey.parse("s", "p", "24", "16777215", "16777215"))
        .isEqualTo(new TileKey("s", "p", 24, 16_777_215, 16_777_215));
  }

  @Test
  void outOfRangeIsABadParameterNamingItAndTheRange() {
    assertBadParameter("25", "0", "0", "z", "must be from 0 to 24, not 25");
    assertBadParameter("-1", "0", "0", "z", "must be from 0 to 24, not -1");
    assertBadParameter("2", "4", "0", "x", "must be from 0 to 3 at zoom 2, not 4");
    assertBadParameter("2", "0", "-1", "y", "must be from 0 to 3 at zoom 2, not -1");
    assertBadParameter("1", "0", "99999999999999999999999", "y", "must be from 0 to 1 at zoom 1");
  }

  private static void assertBadParameter(String z, String x, String y, String parameter, String detail) {
    assertThatThrownBy(() -> TileKey.parse("s", "p", z, x, y))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.errors()).singleElement().satisfies(f -> assertThat(f.parameter()).isEqualTo(parameter));
              assertThat(p.detail()).contains(detail);
            });
  }

  @Test
  void textThatIsNotAnIntegerNamesNoTile() {
    for (String[] zxy : new String[][] {{"a", "0", "0"}, {"1", "0.5", "0"}, {"1", "0", "+1"}, {"1", "0", ""}}) {
      assertThatThrownBy(() -> TileKey.parse("s", "p", zxy[0], zxy[1], zxy[2]))
          .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404))
          .hasMessageContaining("must be an integer");
    }
  }

  @Test
  void aKeyCannotBeBuiltOutsideTheMatrix() {
    assertThatThrownBy(() -> new TileKey("s", "p", 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TileKey("s", "p", 25, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
