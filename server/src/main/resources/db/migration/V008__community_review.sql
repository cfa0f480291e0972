-- coplan schema, version 8: community review.
--
-- Representation: households speak through cells (about 10 households), cells choose cluster
-- representatives (about 10 cells), clusters sit in segment forums. A structure belongs to a cell
-- through structure_cell, keyed by the structure's stable id, so the link holds in every plan
-- (the baseline row and a proposal's override share the id).
--
-- Review: a plan moves draft -> in_review -> agreed | rejected -> superseded; an agreed (or
-- superseded) plan is frozen, refused by the database on every path that writes features.
-- Comments, reactions, meetings and decisions are the record of what was said and decided: they
-- are never changed or removed (the same append-only rule as the history tables of V004).

CREATE TABLE rep_unit (
  settlement_id  text NOT NULL REFERENCES settlement (id),
  id             text NOT NULL CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  level          text NOT NULL CHECK (level IN ('segment', 'cluster', 'cell')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  parent_id      text,
  representative text CHECK (length(representative) <= 200),
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text NOT NULL DEFAULT 'system',
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, id),
  FOREIGN KEY (settlement_id, parent_id) REFERENCES rep_unit (settlement_id, id),
  -- segments are the top; cells and clusters may wait for their parent to be named
  CHECK (level <> 'segment' OR parent_id IS NULL)
);
CREATE INDEX rep_unit_parent ON rep_unit (settlement_id, parent_id);

-- A parent is one level up: cell -> cluster -> segment.
CREATE FUNCTION coplan_check_rep_parent() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_level text;
  wanted text;
BEGIN
  IF NEW.parent_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT level INTO parent_level FROM rep_unit WHERE settlement_id = NEW.settlement_id AND id = NEW.parent_id;
  wanted := CASE NEW.level WHEN 'cell' THEN 'cluster' WHEN 'cluster' THEN 'segment' END;
  IF parent_level IS DISTINCT FROM wanted THEN
    RAISE EXCEPTION USING ERRCODE = 'CP422',
      MESSAGE = format('%s %s cannot belong to %s %s: a cell belongs to a cluster, a cluster to a segment',
                       NEW.level, NEW.id, coalesce(parent_level, 'unknown unit'), NEW.parent_id);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER rep_unit_parent_level BEFORE INSERT OR UPDATE ON rep_unit
  FOR EACH ROW EXECUTE FUNCTION coplan_check_rep_parent();

CREATE TABLE structure_cell (
  settlement_id text NOT NULL,
  structure_id  uuid NOT NULL,
  cell_id       text NOT NULL,
  assigned_at   timestamptz NOT NULL DEFAULT now(),
  assigned_by   text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, structure_id),
  FOREIGN KEY (settlement_id, cell_id) REFERENCES rep_unit (settlement_id, id)
);
CREATE INDEX structure_cell_cell ON structure_cell (settlement_id, cell_id);

-- A structure can only be linked to a cell.
CREATE FUNCTION coplan_check_structure_cell() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM rep_unit WHERE settlement_id = NEW.settlement_id AND id = NEW.cell_id AND level = 'cell') THEN
    RAISE EXCEPTION USING ERRCODE = 'CP422', MESSAGE = format('%s is not a cell of this settlement', NEW.cell_id);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER structure_cell_is_cell BEFORE INSERT OR UPDATE ON structure_cell
  FOR EACH ROW EXECUTE FUNCTION coplan_check_structure_cell();

-- Demo and first-run representation: structures in Z-order of their centroids (a geohash keeps
-- neighbours together), cut into cells of about 10 households, cells into clusters of 10 and
-- clusters into segments of 10. Deterministic (ties broken by fid), so demo and tests agree.
-- Does nothing when the settlement already has units. Answers the number of cells made.
CREATE FUNCTION coplan_derive_representation(sid text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  made integer;
BEGIN
  IF EXISTS (SELECT 1 FROM rep_unit WHERE settlement_id = sid) THEN
    RETURN 0;
  END IF;
  DROP TABLE IF EXISTS derived_cell;
  CREATE TEMPORARY TABLE derived_cell ON COMMIT DROP AS
  SELECT id AS structure_id,
         floor(coalesce(sum(coalesce(households, 0)) OVER w - coalesce(households, 0), 0) / 10)::integer AS cell_no
  FROM structures
  WHERE settlement_id = sid AND plan_id = 'baseline' AND NOT deleted
  WINDOW w AS (ORDER BY ST_GeoHash(ST_PointOnSurface(geom), 12), fid ROWS UNBOUNDED PRECEDING);

  INSERT INTO rep_unit (settlement_id, id, level, name)
  SELECT DISTINCT sid, 'S' || lpad((cell_no / 100 + 1)::text, 2, '0'), 'segment', 'Segment ' || (cell_no / 100 + 1)
  FROM derived_cell;
  INSERT INTO rep_unit (settlement_id, id, level, name, parent_id)
  SELECT DISTINCT sid, 'K' || lpad((cell_no / 10 + 1)::text, 3, '0'), 'cluster', 'Cluster ' || (cell_no / 10 + 1),
         'S' || lpad((cell_no / 100 + 1)::text, 2, '0')
  FROM derived_cell;
  INSERT INTO rep_unit (settlement_id, id, level, name, parent_id)
  SELECT DISTINCT sid, 'C' || lpad((cell_no + 1)::text, 4, '0'), 'cell', 'Cell ' || (cell_no + 1),
         'K' || lpad((cell_no / 10 + 1)::text, 3, '0')
  FROM derived_cell;
  INSERT INTO structure_cell (settlement_id, structure_id, cell_id)
  SELECT sid, structure_id, 'C' || lpad((cell_no + 1)::text, 4, '0') FROM derived_cell;
  SELECT count(DISTINCT cell_no) INTO made FROM derived_cell;
  RETURN made;
END
$$;

-- Plans under review: which status may follow which. Same status is no transition.
CREATE FUNCTION coplan_check_plan_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND (OLD.status, NEW.status) NOT IN (
       ('draft', 'in_review'), ('in_review', 'draft'), ('in_review', 'agreed'), ('in_review', 'rejected'),
       ('agreed', 'superseded'), ('rejected', 'superseded')) THEN
    RAISE EXCEPTION USING ERRCODE = 'CP409',
      MESSAGE = format('plan %s cannot go from %s to %s: a plan goes draft -> in_review -> agreed or rejected'
                       ' -> superseded (and back from in_review to draft)', OLD.id, OLD.status, NEW.status);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER plan_status_transition BEFORE UPDATE OF status ON plan
  FOR EACH ROW EXECUTE FUNCTION coplan_check_plan_status();

-- An agreed plan is what the community agreed: its features never change again. Changes need a
-- new plan copied from it. Every path that writes features (API, batch, import, restore, SQL) is
-- refused here.
CREATE FUNCTION coplan_refuse_frozen_plan() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  s text;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  SELECT status INTO s FROM plan WHERE settlement_id = r.settlement_id AND id = r.plan_id;
  IF s IN ('agreed', 'superseded') THEN
    RAISE EXCEPTION USING ERRCODE = 'CP409',
      MESSAGE = format('plan %s is %s and frozen: its features cannot change; copy it into a new plan to propose changes',
                       r.plan_id, s);
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['structures', 'footpaths', 'services', 'constraints'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I'
      || ' FOR EACH ROW EXECUTE FUNCTION coplan_refuse_frozen_plan()', t || '_frozen_plan', t);
  END LOOP;
END
$$;

-- Named proposals: features a planner groups (a footpath and the toilet it leads to). A changed
-- feature in no group is a proposal of its own.
CREATE TABLE proposal_group (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description   text CHECK (length(description) <= 10000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);

CREATE TABLE proposal_member (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  group_id      text NOT NULL,
  layer         text NOT NULL CHECK (layer IN ('structures', 'footpaths', 'services', 'constraints')),
  feature_id    uuid NOT NULL,
  -- a feature is in at most one group of a plan
  PRIMARY KEY (settlement_id, plan_id, layer, feature_id),
  FOREIGN KEY (settlement_id, plan_id, group_id) REFERENCES proposal_group (settlement_id, plan_id, id)
);

-- Comments: on the plan, a proposal, a feature or a map location; replies thread under a parent.
CREATE TABLE review_comment (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  parent_id     uuid,
  proposal_id   text CHECK (length(proposal_id) <= 200),
  layer         text CHECK (layer IN ('structures', 'footpaths', 'services', 'constraints')),
  feature_id    uuid,
  location      geometry(Point, 4326),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  author        text NOT NULL,
  author_role   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id),
  FOREIGN KEY (settlement_id, plan_id, parent_id) REFERENCES review_comment (settlement_id, plan_id, id),
  CHECK ((layer IS NULL) = (feature_id IS NULL))
);
CREATE INDEX review_comment_plan ON review_comment (settlement_id, plan_id, seq);

-- Reactions to a proposal ('plan' is the plan as a whole). An account's latest reaction to a
-- proposal is its view; a facilitator records each resident's view on their behalf (assisted).
CREATE TABLE reaction (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  proposal_id   text NOT NULL CHECK (length(proposal_id) <= 200),
  stance        text NOT NULL CHECK (stance IN ('agree', 'object', 'concern')),
  reason        text CHECK (length(reason) <= 5000),
  -- who holds the view: the signed-in account, or (assisted) a resident named by the facilitator
  account       text,
  resident      text CHECK (length(resident) <= 200),
  cell_id       text,
  recorded_by   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id),
  FOREIGN KEY (settlement_id, cell_id) REFERENCES rep_unit (settlement_id, id),
  CHECK (account IS NOT NULL OR resident IS NOT NULL OR cell_id IS NOT NULL),
  CHECK (stance = 'agree' OR length(trim(reason)) > 0)
);
CREATE INDEX reaction_plan ON reaction (settlement_id, plan_id, proposal_id, seq);

-- Meetings and their decisions: the decision log.
CREATE TABLE review_meeting (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  held_on       date NOT NULL,
  forum_level   text NOT NULL CHECK (forum_level IN ('cell', 'cluster', 'segment', 'ward')),
  forum_unit    text CHECK (length(forum_unit) <= 200),
  attendance    integer NOT NULL CHECK (attendance >= 0),
  facilitator   text NOT NULL CHECK (length(facilitator) BETWEEN 1 AND 200),
  notes         text CHECK (length(notes) <= 10000),
  recorded_by   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (settlement_id, plan_id, id),
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);

CREATE TABLE review_decision (
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  meeting_id    uuid NOT NULL,
  proposal_id   text NOT NULL CHECK (length(proposal_id) <= 200),
  outcome       text NOT NULL CHECK (outcome IN ('agreed', 'rejected', 'needs_change')),
  reason        text NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 5000),
  PRIMARY KEY (settlement_id, plan_id, meeting_id, proposal_id),
  FOREIGN KEY (settlement_id, plan_id, meeting_id) REFERENCES review_meeting (settlement_id, plan_id, id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['review_comment', 'reaction', 'review_meeting', 'review_decision'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW'
      || ' EXECUTE FUNCTION coplan_refuse_history_change()', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT'
      || ' EXECUTE FUNCTION coplan_refuse_history_change()', t || '_no_truncate', t);
  END LOOP;
END
$$;

-- A server whose demo was loaded before this migration gets the demo's representation now (a fresh
-- server gets it from the demo loader, which runs after the migrations).
SELECT coplan_derive_representation(id) FROM settlement WHERE id = 'tandale';
