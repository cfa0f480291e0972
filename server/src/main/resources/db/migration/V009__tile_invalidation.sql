-- coplan schema, version 9: what the tile cache needs to be told.
--
-- 1. A proposal's first change of a baseline feature inserts the proposal's own row (its override).
--    On the proposal's map the feature moves from where the baseline has it to the new place, so the
--    baseline's geometry is announced as the change's 'before' (V005 announced none for an insert),
--    and the tiles at the old place are invalidated too.
-- 2. The analysis results (table conflict) are drawn in the tiles' 'conflicts' layer. Every
--    statement that writes them announces, on the channel 'coplan_conflict', the plan and the
--    extent of the conflicts removed and added (with each box when there are at most 40).
-- 3. Low-zoom tiles draw structures as density: structure_density counts the baseline's
--    structures per grid cell (a cell is 1/64 of a zoom-14 tile's side, about 38 m at the equator;
--    a structure counts in the cell of its bounding box's centre), kept right by statement
--    triggers. A proposal's tile adds its own rows and subtracts the baseline rows they override
--    (TileRepository), so the table needs no copy per plan. A z12 tile of a 500,000-structure
--    settlement then reads some 20,000 cells instead of 500,000 footprints.

CREATE OR REPLACE FUNCTION coplan_announce_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- dynamic SQL because the baseline row is in the trigger's own table; transition tables are
  -- visible to it. The table name comes from the trigger, quoted with %I. A lookup by primary key
  -- per proposal row, not a join: the planner knows nothing of the transition table's size and
  -- could hash the whole table for a one-row insert; baseline rows skip the lookup.
  EXECUTE format(
    'SELECT coplan_notify_feature_changes(%L, ARRAY('
    || ' SELECT ROW(n.settlement_id, n.plan_id, n.id, n.version, n.deleted, n.updated_by,'
    || '   CASE WHEN n.plan_id <> ''baseline'' THEN (SELECT b.geom FROM %I b WHERE b.settlement_id = n.settlement_id'
    || '     AND b.plan_id = ''baseline'' AND b.id = n.id) END, n.geom)::coplan_feature_change'
    || ' FROM new_rows n))',
    TG_TABLE_NAME, TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TYPE coplan_conflict_change AS (
  settlement_id text,
  plan_id       text,
  geom          geometry
);

CREATE FUNCTION coplan_notify_conflict_changes(changes coplan_conflict_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  g record;
  listed jsonb;
BEGIN
  FOR g IN
    SELECT c.settlement_id, c.plan_id, count(*) AS n, ST_Extent(c.geom)::geometry AS extent
    FROM unnest(changes) c
    GROUP BY c.settlement_id, c.plan_id
  LOOP
    listed := NULL;
    IF g.n <= 40 THEN
      SELECT jsonb_agg(coplan_box(c.geom)) INTO listed
        FROM unnest(changes) c
       WHERE c.settlement_id = g.settlement_id AND c.plan_id = g.plan_id;
    END IF;
    PERFORM pg_notify('coplan_conflict', jsonb_build_object(
      'settlement', g.settlement_id, 'plan', g.plan_id, 'count', g.n,
      'extent', coplan_box(g.extent), 'boxes', listed)::text);
  END LOOP;
END
$$;

CREATE FUNCTION coplan_announce_conflict_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_notify_conflict_changes(ARRAY(
    SELECT ROW(n.settlement_id, n.plan_id, n.geom)::coplan_conflict_change FROM new_rows n));
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_announce_conflict_deletes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_notify_conflict_changes(ARRAY(
    SELECT ROW(o.settlement_id, o.plan_id, o.geom)::coplan_conflict_change FROM old_rows o));
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_announce_conflict_updates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_notify_conflict_changes(ARRAY(
    SELECT ROW(o.settlement_id, o.plan_id, o.geom)::coplan_conflict_change FROM old_rows o
    UNION ALL
    SELECT ROW(n.settlement_id, n.plan_id, n.geom)::coplan_conflict_change FROM new_rows n));
  RETURN NULL;
END
$$;

CREATE TRIGGER conflict_announce_inserts AFTER INSERT ON conflict REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_announce_conflict_inserts();
CREATE TRIGGER conflict_announce_deletes AFTER DELETE ON conflict REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_announce_conflict_deletes();
CREATE TRIGGER conflict_announce_updates AFTER UPDATE ON conflict
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_announce_conflict_updates();

-- the cell of a Web Mercator geometry (of its bounding box's centre) in a 2^20 x 2^20 grid over
-- the Web Mercator square, counted like tile columns and rows (y grows southwards)
CREATE FUNCTION coplan_cell_x(g geometry) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(floor(((ST_XMin(g) + ST_XMax(g)) / 2 + 20037508.342789244)
    / (2 * 20037508.342789244 / 1048576)), 0), 1048575)::integer
$$;

CREATE FUNCTION coplan_cell_y(g geometry) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(floor((20037508.342789244 - (ST_YMin(g) + ST_YMax(g)) / 2)
    / (2 * 20037508.342789244 / 1048576)), 0), 1048575)::integer
$$;

CREATE TABLE structure_density (
  settlement_id text NOT NULL,
  cx            integer NOT NULL,
  cy            integer NOT NULL,
  structures    integer NOT NULL,
  PRIMARY KEY (settlement_id, cx, cy)
);

INSERT INTO structure_density (settlement_id, cx, cy, structures)
SELECT settlement_id, coplan_cell_x(geom_3857), coplan_cell_y(geom_3857), count(*)
  FROM structures WHERE plan_id = 'baseline' AND NOT deleted
 GROUP BY 1, 2, 3;

-- Adds the counts of (settlement, cell, n) rows; in key order, so that concurrent edits lock the
-- cells they share in the same order and cannot deadlock.
CREATE FUNCTION coplan_add_density(cells jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO structure_density AS d (settlement_id, cx, cy, structures)
  SELECT c.s, c.x, c.y, c.n FROM jsonb_to_recordset(cells) AS c(s text, x integer, y integer, n integer)
   WHERE c.n <> 0 ORDER BY c.s, c.x, c.y
  ON CONFLICT (settlement_id, cx, cy) DO UPDATE SET structures = d.structures + EXCLUDED.structures
$$;

CREATE FUNCTION coplan_density_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_add_density((
    SELECT jsonb_agg(jsonb_build_object('s', s, 'x', x, 'y', y, 'n', n)) FROM (
      SELECT settlement_id AS s, coplan_cell_x(geom_3857) AS x, coplan_cell_y(geom_3857) AS y, count(*) AS n
        FROM new_rows WHERE plan_id = 'baseline' AND NOT deleted GROUP BY 1, 2, 3) c));
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_density_updates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_add_density((
    SELECT jsonb_agg(jsonb_build_object('s', s, 'x', x, 'y', y, 'n', n)) FROM (
      SELECT s, x, y, sum(n) AS n FROM (
        SELECT settlement_id AS s, coplan_cell_x(geom_3857) AS x, coplan_cell_y(geom_3857) AS y, -1 AS n
          FROM old_rows WHERE plan_id = 'baseline' AND NOT deleted
        UNION ALL
        SELECT settlement_id, coplan_cell_x(geom_3857), coplan_cell_y(geom_3857), 1
          FROM new_rows WHERE plan_id = 'baseline' AND NOT deleted) d
      GROUP BY 1, 2, 3) c));
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_density_deletes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_add_density((
    SELECT jsonb_agg(jsonb_build_object('s', s, 'x', x, 'y', y, 'n', -n)) FROM (
      SELECT settlement_id AS s, coplan_cell_x(geom_3857) AS x, coplan_cell_y(geom_3857) AS y, count(*) AS n
        FROM old_rows WHERE plan_id = 'baseline' AND NOT deleted GROUP BY 1, 2, 3) c));
  RETURN NULL;
END
$$;

CREATE TRIGGER structures_density_inserts AFTER INSERT ON structures REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_density_inserts();
CREATE TRIGGER structures_density_updates AFTER UPDATE ON structures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_density_updates();
CREATE TRIGGER structures_density_deletes AFTER DELETE ON structures REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_density_deletes();

-- structures per hectare as the density tiles carry it: one decimal below 10, whole numbers above,
-- so that a tile's thousands of cells share few distinct values (MVT stores each value once)
CREATE FUNCTION coplan_density_per_ha(v double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v < 10 THEN round(v::numeric, 1) ELSE round(v::numeric) END::double precision
$$;
