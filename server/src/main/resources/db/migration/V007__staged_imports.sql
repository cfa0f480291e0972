-- Staged imports (issue 8): an uploaded file is read once into import_row, checked, previewed and
-- only then committed, in one transaction, through the same batch write path as the API's
-- FeatureCollection POST (so the history triggers record every feature it creates). The staged
-- rows are removed when the import is committed or discarded; the job stays as its record.

CREATE TABLE import_job (
  id              uuid PRIMARY KEY,
  -- null while the import is to create its settlement (created at commit, in the same transaction)
  settlement_id   text REFERENCES settlement (id),
  plan_id         text,
  layer           text NOT NULL,
  -- as the client named it; shown, never used as a path
  file_name       text NOT NULL,
  format          text NOT NULL,
  source_layer    text NOT NULL,
  source_layers   jsonb NOT NULL,
  -- the CRS the file declares (display text, null: none), the CRS the client gave (EPSG:n, null:
  -- none), and whether the rows are staged in EPSG:4326; when not (no CRS known, or coordinates
  -- that contradict the declared one) they are staged as read, with SRID 0, until a CRS is given
  declared_crs    text,
  given_crs       text,
  in_wgs84        boolean NOT NULL,
  -- whether the client may (still) say which CRS the rows are in: they were staged as read
  crs_settable    boolean NOT NULL,
  fields          jsonb NOT NULL,
  mapping         jsonb NOT NULL,
  defaults        jsonb NOT NULL,
  -- notes from reading the file (line endings converted, GDAL warnings), as problems
  read_notes      jsonb NOT NULL DEFAULT '[]',
  feature_count   integer NOT NULL,
  state           text NOT NULL CHECK (state IN ('staged', 'committed', 'discarded')),
  result          jsonb,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (settlement_id IS NULL OR plan_id IS NOT NULL)
);

CREATE INDEX import_job_settlement ON import_job (settlement_id, created_at);

CREATE TABLE import_row (
  import_id   uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  row_number  integer NOT NULL,
  -- EPSG:4326 when the job's source_srid is known, else the coordinates as read (SRID 0)
  geom        geometry,
  -- the coordinates as read, kept once a CRS was given, so that another can be tried
  raw         geometry,
  properties  jsonb NOT NULL,
  PRIMARY KEY (import_id, row_number)
);
