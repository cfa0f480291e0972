-- coplan schema, version 10: announce what the access checks read.
--
-- Every request under a settlement asks whether the settlement exists and is public, and most ask
-- whether the plan exists. Each server instance answers these from memory (SettlementDirectory)
-- and forgets a settlement's answers when this channel names it, so a settlement made private,
-- archived or deleted, and a plan created, archived or deleted, take effect on every instance as
-- soon as its transaction commits. The payload is the settlement id; PostgreSQL folds identical
-- notifications of one transaction into one, so a bulk change of many plans is one notification.
-- Memberships are not cached (every signed-in request reads them with its session or token), so
-- they need no announcement here.

-- TG_ARGV[0]: the column that holds the settlement id
CREATE FUNCTION coplan_announce_access_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  sid text;
BEGIN
  -- the column name comes from the trigger definition, quoted with %I
  IF TG_OP <> 'INSERT' THEN
    EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) USING OLD INTO sid;
    PERFORM pg_notify('coplan_access', sid);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) USING NEW INTO sid;
    PERFORM pg_notify('coplan_access', sid);
  END IF;
  RETURN NULL;
END
$$;

-- only the columns the cached answers depend on: an edit that touches a plan's updated_at or a
-- settlement's name does not empty anything
CREATE TRIGGER settlement_announce_access
  AFTER INSERT OR DELETE OR UPDATE OF id, is_public, archived_at ON settlement
  FOR EACH ROW EXECUTE FUNCTION coplan_announce_access_change('id');

CREATE TRIGGER plan_announce_access
  AFTER INSERT OR DELETE OR UPDATE OF settlement_id, id, archived_at ON plan
  FOR EACH ROW EXECUTE FUNCTION coplan_announce_access_change('settlement_id');
