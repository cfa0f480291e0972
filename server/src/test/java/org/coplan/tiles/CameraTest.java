package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CameraTest {
  @Test
  void centresOnTheBboxAtTheLargestZoomThatShowsItWhole() {
    // Tandale: about 1.8 km wide and 2.8 km high
    Camera c = Camera.fitting(new double[] {39.2349, -6.8132, 39.2513, -6.7883});
    assertThat(c.lon()).isCloseTo(39.2431, within(1e-9));
    assertThat(c.lat()).isCloseTo(-6.80075, within(1e-9));
    assertThat(c.zoom()).isEqualTo(14);
  }

  @Test
  void neverZoomsOutBeyondWhereStructuresAppearNorInBeyondTheLastAnnouncedZoom() {
    assertThat(Camera.fitting(new double[] {30, -10, 40, 0}).zoom()).isEqualTo(TileSchema.DETAIL_ZOOM);
    assertThat(Camera.fitting(new double[] {39.24, -6.8, 39.24, -6.8}).zoom()).isEqualTo(TileSchema.MAX_ZOOM);
  }
}
