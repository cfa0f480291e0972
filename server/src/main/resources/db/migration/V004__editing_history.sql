-- coplan schema, version 4: editing and its history.
--
-- Every change to a settlement, a plan or a feature is kept as an immutable version row. Triggers
-- write those rows, not the application, so that no path (the API, the demo loader, a migration,
-- an administrator's SQL) can change data without leaving its record. The application tells the
-- triggers what kind of change the current transaction makes and why, through two
-- transaction-local settings: coplan.operation and coplan.reason (see db/ChangeStamp.java). A
-- change made without them is recorded as 'create' or 'update', with no reason.

ALTER TABLE settlement ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE plan
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- a deleted plan is archived: hidden from the API, its rows and their history kept
  ADD COLUMN archived_at timestamptz;

-- One sequence for all three logs, so that the settlement's history is one total order.
CREATE SEQUENCE change_seq;

CREATE TABLE feature_version (
  seq           bigint NOT NULL DEFAULT nextval('change_seq') UNIQUE,
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  layer         text NOT NULL CHECK (layer IN ('structures', 'footpaths', 'services', 'constraints')),
  feature_id    uuid NOT NULL,
  version       integer NOT NULL,
  operation     text NOT NULL
                CHECK (operation IN ('create', 'update', 'delete', 'restore', 'undelete', 'copy')),
  deleted       boolean NOT NULL,
  geom          geometry(Geometry, 4326) NOT NULL,
  -- the layer's attributes as they were: every column but the bookkeeping ones
  properties    jsonb NOT NULL,
  author        text NOT NULL,
  changed_at    timestamptz NOT NULL,
  reason        text,
  PRIMARY KEY (settlement_id, plan_id, layer, feature_id, version)
);
-- the settlement's log reads newest first
CREATE INDEX feature_version_log ON feature_version (settlement_id, seq);

CREATE TABLE plan_version (
  seq           bigint NOT NULL DEFAULT nextval('change_seq') UNIQUE,
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  version       integer NOT NULL,
  operation     text NOT NULL CHECK (operation IN ('create', 'copy', 'update', 'archive')),
  name          text NOT NULL,
  description   text,
  status        text NOT NULL,
  based_on      text,
  archived      boolean NOT NULL,
  author        text NOT NULL,
  changed_at    timestamptz NOT NULL,
  reason        text,
  PRIMARY KEY (settlement_id, plan_id, version)
);
CREATE INDEX plan_version_log ON plan_version (settlement_id, seq);

CREATE TABLE settlement_version (
  seq             bigint NOT NULL DEFAULT nextval('change_seq') UNIQUE,
  settlement_id   text NOT NULL,
  version         integer NOT NULL,
  operation       text NOT NULL CHECK (operation IN ('create', 'update', 'categorise', 'archive')),
  name            text NOT NULL,
  notes           text,
  category        text NOT NULL,
  category_reason text,
  metric_srid     integer NOT NULL,
  is_public       boolean NOT NULL,
  archived        boolean NOT NULL,
  author          text NOT NULL,
  changed_at      timestamptz NOT NULL,
  reason          text,
  PRIMARY KEY (settlement_id, version)
);
CREATE INDEX settlement_version_log ON settlement_version (settlement_id, seq);

-- The application's word for this transaction's change, else the default for the statement.
CREATE FUNCTION coplan_operation(default_operation text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('coplan.operation', true), ''), default_operation)
$$;

CREATE FUNCTION coplan_reason() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('coplan.reason', true), '')
$$;

-- A feature row's attributes: every column but the bookkeeping ones every layer table shares.
CREATE FUNCTION coplan_feature_properties(row_json jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT row_json - ARRAY['settlement_id', 'plan_id', 'id', 'fid', 'version', 'deleted', 'geom',
                          'geom_3857', 'created_at', 'created_by', 'updated_at', 'updated_by']
$$;

-- Before an UPDATE of a versioned row: a statement that did not raise the version itself (any
-- SQL outside the API) still makes a new version, stamped with the database user, so that the
-- history below can never miss a change nor record one twice.
CREATE FUNCTION coplan_next_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.updated_by := 'sql:' || session_user;
  END IF;
  RETURN NEW;
END
$$;

-- After a feature row is written: its new version, whole. A version number recorded twice fails
-- the primary key, so a version is never overwritten.
CREATE FUNCTION coplan_record_feature_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO feature_version
    (settlement_id, plan_id, layer, feature_id, version, operation, deleted, geom, properties,
     author, changed_at, reason)
  VALUES
    (NEW.settlement_id, NEW.plan_id, TG_TABLE_NAME, NEW.id, NEW.version,
     coplan_operation(CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END),
     NEW.deleted, NEW.geom, coplan_feature_properties(to_jsonb(NEW)),
     NEW.updated_by, NEW.updated_at, coplan_reason());
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_record_plan_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO plan_version
    (settlement_id, plan_id, version, operation, name, description, status, based_on, archived,
     author, changed_at, reason)
  VALUES
    (NEW.settlement_id, NEW.id, NEW.version,
     coplan_operation(CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END),
     NEW.name, NEW.description, NEW.status, NEW.based_on, NEW.archived_at IS NOT NULL,
     NEW.updated_by, NEW.updated_at, coplan_reason());
  RETURN NULL;
END
$$;

CREATE FUNCTION coplan_record_settlement_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO settlement_version
    (settlement_id, version, operation, name, notes, category, category_reason, metric_srid,
     is_public, archived, author, changed_at, reason)
  VALUES
    (NEW.id, NEW.version,
     coplan_operation(CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END),
     NEW.name, NEW.notes, NEW.category, NEW.category_reason, NEW.metric_srid, NEW.is_public,
     NEW.archived_at IS NOT NULL, NEW.updated_by, NEW.updated_at, coplan_reason());
  RETURN NULL;
END
$$;

-- History is append-only.
CREATE FUNCTION coplan_refuse_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: history is never changed or removed', TG_TABLE_NAME;
END
$$;

-- What existed before this migration becomes version 1 of its history.
INSERT INTO settlement_version
  (settlement_id, version, operation, name, notes, category, category_reason, metric_srid,
   is_public, archived, author, changed_at)
SELECT id, version, 'create', name, notes, category, category_reason, metric_srid, is_public,
       archived_at IS NOT NULL, updated_by, updated_at
FROM settlement;

INSERT INTO plan_version
  (settlement_id, plan_id, version, operation, name, description, status, based_on, archived,
   author, changed_at)
SELECT settlement_id, id, version, 'create', name, description, status, based_on, false,
       updated_by, updated_at
FROM plan;

DO $$
DECLARE
  layer text;
BEGIN
  FOREACH layer IN ARRAY ARRAY['structures', 'footpaths', 'services', 'constraints'] LOOP
    EXECUTE format(
      'INSERT INTO feature_version'
      '  (settlement_id, plan_id, layer, feature_id, version, operation, deleted, geom, properties, author, changed_at)'
      ' SELECT settlement_id, plan_id, %L, id, version, ''create'', deleted, geom,'
      '   coplan_feature_properties(to_jsonb(f)), updated_by, updated_at'
      ' FROM %I f', layer, layer);
  END LOOP;
END
$$;

CREATE TRIGGER settlement_next_version BEFORE UPDATE ON settlement
  FOR EACH ROW EXECUTE FUNCTION coplan_next_version();
CREATE TRIGGER settlement_history AFTER INSERT OR UPDATE ON settlement
  FOR EACH ROW EXECUTE FUNCTION coplan_record_settlement_version();
CREATE TRIGGER plan_next_version BEFORE UPDATE ON plan
  FOR EACH ROW EXECUTE FUNCTION coplan_next_version();
CREATE TRIGGER plan_history AFTER INSERT OR UPDATE ON plan
  FOR EACH ROW EXECUTE FUNCTION coplan_record_plan_version();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['structures', 'footpaths', 'services', 'constraints'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION coplan_next_version()',
      t || '_next_version', t);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION coplan_record_feature_version()',
      t || '_history', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['feature_version', 'plan_version', 'settlement_version'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION coplan_refuse_history_change()',
      t || '_append_only', t);
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION coplan_refuse_history_change()',
      t || '_no_truncate', t);
  END LOOP;
END
$$;

-- Polygons with counter-clockwise shells and clockwise holes, as RFC 7946 asks; anything else as it
-- is. ST_ForcePolygonCCW alone is not enough: PostGIS 3.3 reverses LineStrings too, which would
-- turn every path and drain around on each read, and on each write of what was read.
CREATE FUNCTION coplan_polygons_ccw(g geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN ST_Dimension(g) = 2 THEN ST_ForcePolygonCCW(g) ELSE g END
$$;

-- Geometry between a CRS the API speaks and storage (EPSG:4326 in longitude, latitude order).
-- lat_first is true only for EPSG:4326 as EPSG defines it (latitude first); CRS84, EPSG:3857 and
-- UTM are x = east first. PostGIS (PROJ) does every transformation; ST_Transform to the same SRID
-- is a no-op, so the common CRS84 case costs nothing.
CREATE FUNCTION coplan_to_crs(g geometry, srid integer, lat_first boolean) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN lat_first THEN ST_FlipCoordinates(ST_Transform(g, srid)) ELSE ST_Transform(g, srid) END
$$;

-- g carries the SRID it was sent in (ST_GeomFromWKB(wkb, srid)).
CREATE FUNCTION coplan_from_crs(g geometry, lat_first boolean) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ST_Transform(CASE WHEN lat_first THEN ST_FlipCoordinates(g) ELSE g END, 4326)
$$;
