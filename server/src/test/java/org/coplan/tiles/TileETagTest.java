package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TileETagTest {
  static final String TAG = "0123456789abcdef0123456789abcdef";

  @Test
  void ifNoneMatchComparesWeaklyAgainstEveryListedTag() {
    assertThat(TileResource.notModified("\"" + TAG + "\"", TAG)).isTrue();
    assertThat(TileResource.notModified("W/\"" + TAG + "\"", TAG)).isTrue();
    assertThat(TileResource.notModified("\"other\", \"" + TAG + "\"", TAG)).isTrue();
    assertThat(TileResource.notModified("*", TAG)).isTrue();
  }

  @Test
  void anythingElseIsNotAMatch() {
    assertThat(TileResource.notModified(null, TAG)).isFalse();
    assertThat(TileResource.notModified("", TAG)).isFalse();
    assertThat(TileResource.notModified(TAG, TAG)).as("unquoted").isFalse();
    assertThat(TileResource.notModified("\"" + TAG.substring(1) + "x\"", TAG)).isFalse();
    assertThat(TileResource.notModified("\"" + TAG + "\"x", TAG)).isFalse();
    assertThat(TileResource.notModified("\"other\"", TAG)).isFalse();
  }
}
