package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tile SQL as built at start-up; TileResourceIT runs it. */
class TileRepositoryTest {
  @Test
  void everyPlaceholderHasAParamAtEveryZoom() {
    for (int z = 0; z <= TileSchema.MAX_REQUEST_ZOOM; z++) {
      TileRepository.TileQuery q = TileRepository.query(z);
      assertThat(q.sql().chars().filter(c -> c == '?').count()).as("zoom %d", z).isEqualTo(q.params().size());
    }
  }

  @Test
  void detailTilesReadEveryLayerThroughThePlansView() {
    String sql = TileRepository.query(15).sql();
    for (String view : new String[] {"plan_structures", "plan_footpaths", "plan_services", "plan_constraints"}) {
      assertThat(sql).contains("\"" + view + "\"(?, ?)");
    }
    assertThat(sql).contains("ST_AsMVTGeom(f.geom_3857, ST_TileEnvelope(?, ?, ?), 4096, 64, true)");
    assertThat(sql).contains("f.geom_3857 && ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096)");
    assertThat(sql).contains("f.\"width_m\"::double precision AS \"width_m\"");
    // a stable feature order gives stable bytes, so stable ETags
    assertThat(sql).contains("ST_AsMVT(q, ?, 4096, 'geom', 'fid' ORDER BY q.fid)");
    assertThat(sql).doesNotContain("'road'");
  }

  @Test
  void overviewTilesLeaveOutStructuresAndServicesAndBindTheFootpathClasses() {
    String sql = TileRepository.query(12).sql();
    assertThat(sql).doesNotContain("plan_structures").doesNotContain("plan_services");
    assertThat(sql).contains("plan_footpaths").contains("plan_constraints");
    assertThat(sql).contains("AND f.\"class\" IN (?, ?)");
    // overview paths carry no UUID
    assertThat(sql).containsOnlyOnce("f.id::text AS id");
  }

  @Test
  void lowZoomsDrawStructuresAsDensityAndHighZoomsAsFootprintsWithConflicts() {
    for (int z = 0; z <= 14; z++) {
      String sql = TileRepository.query(z).sql();
      assertThat(sql).as("zoom %d", z).contains("'structure_density'").contains("FROM r, structure_density d")
          .doesNotContain("plan_structures").doesNotContain("plan_conflicts");
    }
    for (int z = 15; z <= 24; z++) {
      assertThat(TileRepository.query(z).sql()).as("zoom %d", z).contains("plan_structures").contains("plan_conflicts")
          .doesNotContain("structure_density");
    }
  }

  @Test
  void zoomsWithTheSameContentShareOneSqlString() {
    assertThat(TileRepository.query(0).sql()).isEqualTo(TileRepository.query(13).sql());
    assertThat(TileRepository.query(14).sql()).isNotEqualTo(TileRepository.query(13).sql()).isNotEqualTo(TileRepository.query(15).sql());
    assertThat(TileRepository.query(15).sql()).isEqualTo(TileRepository.query(24).sql());
  }
}
