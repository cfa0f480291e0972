package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CameraTest {
  @Test
  void centresOnTheBboxAtTheLargestZoomThatShowsItWhole() {
    // about 450 m x 700 m: zoom 16 shows it whole in a 1024 x 768 view
    Camera c = Camera.fitting(new double[] {39.2411, -6.8039, 39.2452, -6.7977});
    assertThat(c.lon()).isCloseTo(39.24315, within(1e-9));
    assertThat(c.lat()).isCloseTo(-6.8008, within(1e-9));
    assertThat(c.zoom()).isEqualTo(16);
  }

  @Test
  void staysWhereFootprintsAreDrawnWhenTheWholeBboxNeedsDensityZooms() {
    // Tandale: about 1.8 km wide and 2.8 km high would fit at zoom 14, where tiles carry density only
    Camera c = Camera.fitting(new double[] {39.2349, -6.8132, 39.2513, -6.7883});
    assertThat(c.lon()).isCloseTo(39.2431, within(1e-9));
    assertThat(c.zoom()).isEqualTo(TileSchema.STRUCTURE_ZOOM).isEqualTo(15);
  }

  @Test
  void neverZoomsOutBeyondWhereStructuresAppearNorInBeyondTheLastAnnouncedZoom() {
    assertThat(Camera.fitting(new double[] {30, -10, 40, 0}).zoom()).isEqualTo(TileSchema.STRUCTURE_ZOOM);
    assertThat(Camera.fitting(new double[] {39.24, -6.8, 39.24, -6.8}).zoom()).isEqualTo(TileSchema.MAX_ZOOM);
  }
}
