-- coplan schema, version 6: layout analysis.
--
-- rule_set: each settlement's agreed service levels, one JSON document, versioned and kept in
-- rule_set_version by the same kind of triggers as every other versioned row (V004).
-- conflict: the analysis results of each analysed plan. They are derived data (the analysis can
-- always make them again), so they have no history; they are stored so that the conflicts
-- collection pages and filters by bbox like any other, and so that vector tiles carry them.

CREATE TABLE rule_set (
  settlement_id text PRIMARY KEY REFERENCES settlement (id),
  preset        text NOT NULL CHECK (preset IN ('cape-town', 'sphere', 'custom')),
  document      jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system'
);

CREATE TABLE rule_set_version (
  seq           bigint NOT NULL DEFAULT nextval('change_seq') UNIQUE,
  settlement_id text NOT NULL,
  version       integer NOT NULL,
  operation     text NOT NULL CHECK (operation IN ('create', 'update')),
  preset        text NOT NULL,
  document      jsonb NOT NULL,
  author        text NOT NULL,
  changed_at    timestamptz NOT NULL,
  reason        text,
  PRIMARY KEY (settlement_id, version)
);
CREATE INDEX rule_set_version_log ON rule_set_version (settlement_id, seq);

CREATE FUNCTION coplan_record_rule_set_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rule_set_version
    (settlement_id, version, operation, preset, document, author, changed_at, reason)
  VALUES
    (NEW.settlement_id, NEW.version, CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END,
     NEW.preset, NEW.document, NEW.updated_by, NEW.updated_at, coplan_reason());
  RETURN NULL;
END
$$;

CREATE TRIGGER rule_set_next_version BEFORE UPDATE ON rule_set
  FOR EACH ROW EXECUTE FUNCTION coplan_next_version();
CREATE TRIGGER rule_set_history AFTER INSERT OR UPDATE ON rule_set
  FOR EACH ROW EXECUTE FUNCTION coplan_record_rule_set_version();
CREATE TRIGGER rule_set_version_append_only BEFORE UPDATE OR DELETE ON rule_set_version
  FOR EACH ROW EXECUTE FUNCTION coplan_refuse_history_change();
CREATE TRIGGER rule_set_version_no_truncate BEFORE TRUNCATE ON rule_set_version
  FOR EACH STATEMENT EXECUTE FUNCTION coplan_refuse_history_change();

CREATE TABLE conflict (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  fid           bigint GENERATED ALWAYS AS IDENTITY,
  -- the feature the conflict is filed under; re-analysis replaces conflicts by primary feature
  primary_id    uuid NOT NULL,
  type          text NOT NULL,
  check_no      integer NOT NULL CHECK (check_no BETWEEN 1 AND 7),
  severity      text NOT NULL CHECK (severity IN ('high', 'medium', 'low', 'data_quality')),
  -- [{"layer": "structures", "id": "..."}, ...]
  features      jsonb NOT NULL,
  measured      double precision,
  norm          double precision,
  unit          text,
  sentence      text NOT NULL,
  params        jsonb NOT NULL,
  geom          geometry(Geometry, 4326) NOT NULL,
  geom_3857     geometry(Geometry, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  PRIMARY KEY (settlement_id, plan_id, fid),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);
CREATE INDEX conflict_primary ON conflict (settlement_id, plan_id, primary_id);
CREATE INDEX conflict_geom ON conflict USING gist (geom);
CREATE INDEX conflict_geom_3857 ON conflict USING gist (geom_3857);

-- A plan's conflicts, for the tiles (same shape as the plan_<layer> functions).
CREATE FUNCTION plan_conflicts(sid text, pid text) RETURNS SETOF conflict
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT * FROM conflict c WHERE c.settlement_id = sid AND c.plan_id = pid
$$;
