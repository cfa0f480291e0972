-- coplan schema, version 1: settlements, plans and the four map layers.
--
-- Geometry is stored in EPSG:4326 (what the API speaks). Anything derived for speed, such as the
-- Web Mercator copy the vector tiles are cut from, is a generated column: the database keeps it
-- right, no code computes it by hand. settlement_id leads every key because it is the
-- distribution key once one database is not enough (Citus).

CREATE EXTENSION IF NOT EXISTS postgis;

-- The UTM zone (WGS 84) of a lon/lat geometry's centroid: the default metric CRS of a settlement.
-- Ignores the Norway/Svalbard exceptions; settlements there can give their CRS explicitly.
CREATE FUNCTION coplan_utm_srid(g geometry) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN ST_Y(c) >= 0 THEN 32600 ELSE 32700 END
         + LEAST(60, GREATEST(1, floor((ST_X(c) + 180) / 6)::integer + 1))
  FROM (SELECT ST_Centroid(g) AS c) AS centre
$$;

CREATE TABLE settlement (
  id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  boundary        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary)),
  metric_srid     integer NOT NULL CHECK (metric_srid > 0),
  category        text NOT NULL DEFAULT 'unassessed'
                  CHECK (category IN ('A', 'B1', 'B2', 'C', 'unassessed')),
  category_reason text,
  notes           text,
  is_public       boolean NOT NULL DEFAULT false,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text NOT NULL DEFAULT 'system',
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text NOT NULL DEFAULT 'system'
);

CREATE TABLE plan (
  settlement_id text NOT NULL REFERENCES settlement (id),
  id            text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description   text,
  status        text NOT NULL DEFAULT 'draft'
                CHECK (status IN ('baseline', 'draft', 'in_review', 'agreed', 'rejected', 'superseded')),
  based_on      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, id),
  -- exactly the plan 'baseline' holds the existing conditions
  CHECK ((id = 'baseline') = (status = 'baseline'))
);

-- Every layer table shares this shape:
--   id       the feature's stable UUID; a proposal plan that modifies or removes a baseline
--            feature stores a row with the same id under its own plan_id (a plan-local override)
--   fid      a compact integer per row, because vector-tile feature ids must be integers
--   version  starts at 1, +1 on every change (optimistic locking)
--   deleted  removal marker: nothing is hard-deleted through the API
CREATE TABLE structures (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  fid           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted       boolean NOT NULL DEFAULT false,
  geom          geometry(Polygon, 4326) NOT NULL,
  geom_3857     geometry(Polygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  name          text,
  use           text NOT NULL DEFAULT 'residential'
                CHECK (use IN ('residential', 'mixed', 'commercial', 'religious', 'school', 'health',
                               'public', 'utility', 'under_construction', 'other')),
  households    integer CHECK (households >= 0),
  people        integer CHECK (people >= 0),
  -- true when households/people are an estimate (see data/README.md), not an enumeration
  occupancy_estimated boolean NOT NULL DEFAULT false,
  storeys       integer CHECK (storeys BETWEEN 1 AND 60),
  material      text,
  cell          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);

CREATE TABLE footpaths (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  fid           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted       boolean NOT NULL DEFAULT false,
  geom          geometry(LineString, 4326) NOT NULL,
  geom_3857     geometry(LineString, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  name          text,
  class         text NOT NULL DEFAULT 'footpath' CHECK (class IN ('footpath', 'lane', 'road')),
  width_m       numeric(5, 2) NOT NULL CHECK (width_m BETWEEN 0.5 AND 30),
  surface       text CHECK (surface IN ('earth', 'gravel', 'paved', 'concrete', 'other')),
  state         text NOT NULL DEFAULT 'existing'
                CHECK (state IN ('existing', 'proposed', 'agreed', 'built')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);

CREATE TABLE services (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  fid           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted       boolean NOT NULL DEFAULT false,
  geom          geometry(Geometry, 4326) NOT NULL
                CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING')),
  geom_3857     geometry(Geometry, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  name          text,
  type          text NOT NULL
                CHECK (type IN ('water_point', 'toilet', 'toilet_block', 'electricity_connection',
                                'electricity_pole', 'street_light', 'high_mast_light', 'fire_hydrant',
                                'fire_point', 'waste_skip', 'stormwater_drain', 'sewer',
                                'social_facility', 'public_space')),
  state         text NOT NULL DEFAULT 'existing'
                CHECK (state IN ('existing', 'proposed', 'agreed', 'built')),
  -- households the service is meant to serve (e.g. 25 per tap); null when not applicable
  capacity      integer CHECK (capacity >= 0),
  sector        text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);

CREATE TABLE constraints (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  fid           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted       boolean NOT NULL DEFAULT false,
  geom          geometry(Geometry, 4326) NOT NULL
                CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON', 'LINESTRING', 'MULTILINESTRING')),
  geom_3857     geometry(Geometry, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  name          text,
  kind          text NOT NULL
                CHECK (kind IN ('flood_zone', 'flood_line', 'watercourse', 'drain', 'steep_slope',
                                'unstable_soil', 'wetland', 'water_body', 'erosion_gully',
                                'servitude', 'dolomite', 'landfill')),
  severity      text NOT NULL CHECK (severity IN ('no_build', 'conditional', 'advisory')),
  setback_m     numeric(6, 2) NOT NULL DEFAULT 0 CHECK (setback_m >= 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);

-- geom serves bbox queries of the features API; geom_3857 serves the vector tiles
CREATE INDEX structures_geom ON structures USING gist (geom);
CREATE INDEX structures_geom_3857 ON structures USING gist (geom_3857);
CREATE INDEX footpaths_geom ON footpaths USING gist (geom);
CREATE INDEX footpaths_geom_3857 ON footpaths USING gist (geom_3857);
CREATE INDEX services_geom ON services USING gist (geom);
CREATE INDEX services_geom_3857 ON services USING gist (geom_3857);
CREATE INDEX constraints_geom ON constraints USING gist (geom);
CREATE INDEX constraints_geom_3857 ON constraints USING gist (geom_3857);
-- a proposal plan's view looks up the overrides of each baseline feature by id
CREATE INDEX structures_id ON structures (settlement_id, id);
CREATE INDEX footpaths_id ON footpaths (settlement_id, id);
CREATE INDEX services_id ON services (settlement_id, id);
CREATE INDEX constraints_id ON constraints (settlement_id, id);

-- A plan's view of a layer: the plan's own rows (added features and overrides of baseline
-- features) plus the baseline rows it does not override, without removed ones. For the plan
-- 'baseline' itself that is just the baseline rows. Plain SQL functions like these are inlined by
-- the planner, so filters on the result still use the tables' indexes.
CREATE FUNCTION plan_structures(sid text, pid text) RETURNS SETOF structures
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT * FROM structures f WHERE f.settlement_id = sid AND f.plan_id = pid AND NOT f.deleted
  UNION ALL
  SELECT * FROM structures b WHERE b.settlement_id = sid AND b.plan_id = 'baseline' AND pid <> 'baseline'
    AND NOT b.deleted
    AND NOT EXISTS (SELECT 1 FROM structures o WHERE o.settlement_id = sid AND o.plan_id = pid AND o.id = b.id)
$$;

CREATE FUNCTION plan_footpaths(sid text, pid text) RETURNS SETOF footpaths
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT * FROM footpaths f WHERE f.settlement_id = sid AND f.plan_id = pid AND NOT f.deleted
  UNION ALL
  SELECT * FROM footpaths b WHERE b.settlement_id = sid AND b.plan_id = 'baseline' AND pid <> 'baseline'
    AND NOT b.deleted
    AND NOT EXISTS (SELECT 1 FROM footpaths o WHERE o.settlement_id = sid AND o.plan_id = pid AND o.id = b.id)
$$;

CREATE FUNCTION plan_services(sid text, pid text) RETURNS SETOF services
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT * FROM services f WHERE f.settlement_id = sid AND f.plan_id = pid AND NOT f.deleted
  UNION ALL
  SELECT * FROM services b WHERE b.settlement_id = sid AND b.plan_id = 'baseline' AND pid <> 'baseline'
    AND NOT b.deleted
    AND NOT EXISTS (SELECT 1 FROM services o WHERE o.settlement_id = sid AND o.plan_id = pid AND o.id = b.id)
$$;

CREATE FUNCTION plan_constraints(sid text, pid text) RETURNS SETOF constraints
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT * FROM constraints f WHERE f.settlement_id = sid AND f.plan_id = pid AND NOT f.deleted
  UNION ALL
  SELECT * FROM constraints b WHERE b.settlement_id = sid AND b.plan_id = 'baseline' AND pid <> 'baseline'
    AND NOT b.deleted
    AND NOT EXISTS (SELECT 1 FROM constraints o WHERE o.settlement_id = sid AND o.plan_id = pid AND o.id = b.id)
$$;
