package org.coplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor's pgbench script: coplan's own tile SQL with pgbench variables, one branch per zoom. */
class PgBenchScriptTest {
  @Test
  void oneZoomRunsTheServersSqlWithTheTilesValuesAsVariables() {
    String script = PgBench.script(List.of(new TileSets.Tile(18, 159647, 136031), new TileSets.Tile(18, 159648, 136031)));

    assertThat(script).startsWith("\\set i random(0, 1)\n");
    assertThat(script).contains("WHEN :i = 0 THEN 1801596470136031 ELSE 1801596480136031 END");
    assertThat(script).contains("ST_TileEnvelope(:z, :x, :y)").contains("(:sid, :pid)").contains("ST_AsMVT(q, 'structures'");
    assertThat(script).doesNotContain("?").doesNotContain("\\if");
  }

  @Test
  void mixedZoomsBranchOnTheZoom() {
    String script = PgBench.script(List.of(new TileSets.Tile(14, 9979, 8503), new TileSets.Tile(17, 79838, 68024)));

    assertThat(script).contains("\\if :z = 14\n").contains("\\elif :z = 17\n").endsWith("\\endif\n");
  }
}
