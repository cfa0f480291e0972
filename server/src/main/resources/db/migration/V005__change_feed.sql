-- coplan schema, version 5: the change feed.
--
-- Every committed change to a feature row is announced on the channel 'coplan_change', whatever
-- wrote it (the API, a batch, an import, a restore, an administrator's SQL). Caches, incremental
-- analysis and the browser's event stream listen to it, in this server and in every other instance
-- on the same database. PostgreSQL delivers a notification only when its transaction commits, and
-- drops it when it rolls back, so listeners never see a change that did not happen.
--
-- One notification per statement and plan, not per row: an import of 100,000 rows is one
-- notification. Up to 20 changed features are listed with their bounding boxes before and after
-- (exact tile invalidation); beyond that only the count and the extent are sent (payloads are
-- limited to 8000 bytes).

CREATE TYPE coplan_feature_change AS (
  settlement_id text,
  plan_id       text,
  id            uuid,
  version       integer,
  deleted       boolean,
  author        text,
  before        geometry,
  after         geometry
);

-- [xmin, ymin, xmax, ymax] in degrees (7 decimals: about 1 cm), or null for no geometry
CREATE FUNCTION coplan_box(g geometry) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN g IS NULL OR ST_IsEmpty(g) THEN NULL ELSE jsonb_build_array(
    round(ST_XMin(g)::numeric, 7), round(ST_YMin(g)::numeric, 7),
    round(ST_XMax(g)::numeric, 7), round(ST_YMax(g)::numeric, 7)) END
$$;

CREATE FUNCTION coplan_notify_feature_changes(layer text, changes coplan_feature_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  g record;
  listed jsonb;
BEGIN
  FOR g IN
    SELECT c.settlement_id, c.plan_id, count(*) AS n,
           ST_Extent(COALESCE(ST_Collect(c.before, c.after), c.before, c.after))::geometry AS extent
    FROM unnest(changes) c
    GROUP BY c.settlement_id, c.plan_id
  LOOP
    listed := NULL;
    IF g.n <= 20 THEN
      SELECT jsonb_agg(jsonb_build_object(
               'id', c.id, 'version', c.version, 'deleted', c.deleted, 'author', c.author,
               'before', coplan_box(c.before), 'after', coplan_box(c.after)))
        INTO listed
        FROM unnest(changes) c
       WHERE c.settlement_id = g.settlement_id AND c.plan_id = g.plan_id;
    END IF;
    PERFORM pg_notify('coplan_change', jsonb_build_object(
      'settlement', g.settlement_id, 'plan', g.plan_id, 'layer', layer, 'count', g.n,
      'extent', coplan_box(g.extent), 'features', listed)::text);
  END LOOP;
END
$$;

-- Transition tables are visible only in the trigger function itself, hence one per operation.
CREATE FUNCTION coplan_announce_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_notify_feature_changes(TG_TABLE_NAME, ARRAY(
    SELECT ROW(n.settlement_id, n.plan_id, n.id, n.version, n.deleted, n.updated_by, NULL, n.geom)::coplan_feature_change
      FROM new_rows n));
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_announce_updates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_notify_feature_changes(TG_TABLE_NAME, ARRAY(
    SELECT ROW(n.settlement_id, n.plan_id, n.id, n.version, n.deleted, n.updated_by, o.geom, n.geom)::coplan_feature_change
      FROM new_rows n JOIN old_rows o USING (settlement_id, plan_id, id)));
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_announce_deletes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM coplan_notify_feature_changes(TG_TABLE_NAME, ARRAY(
    SELECT ROW(o.settlement_id, o.plan_id, o.id, o.version, true, o.updated_by, o.geom, NULL)::coplan_feature_change
      FROM old_rows o));
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['structures', 'footpaths', 'services', 'constraints'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
      || ' FOR EACH STATEMENT EXECUTE FUNCTION coplan_announce_inserts()', t || '_announce_inserts', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
      || ' FOR EACH STATEMENT EXECUTE FUNCTION coplan_announce_updates()', t || '_announce_updates', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
      || ' FOR EACH STATEMENT EXECUTE FUNCTION coplan_announce_deletes()', t || '_announce_deletes', t);
  END LOOP;
END
$$;
