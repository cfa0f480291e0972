-- Turns the staged Tandale shapefiles (schema demo_staging, loaded by ogr2ogr) into the coplan
-- settlement 'tandale'. Runs in one transaction (DemoLoader). Every rule here is documented in
-- data/README.md; keep the two in step.

-- The boundary: a concave hull around all building footprints, 30 m out, computed in the UTM zone
-- (so the 30 m are metres) and stored back in lon/lat.
INSERT INTO settlement (id, name, boundary, metric_srid, category, notes, is_public, attribution)
SELECT 'tandale', 'Tandale',
       ST_Multi(ST_Transform(ST_Buffer(ST_ConcaveHull(ST_Collect(ST_Transform(geom, srid)), 0.1), 30), 4326)),
       srid, 'unassessed',
       'Demo: Tandale ward, Dar es Salaam. Buildings, footpaths and waterways mapped by residents and'
       || ' students in Ramani Huria (2015). © OpenStreetMap contributors, ODbL 1.0.',
       true,
       -- the ODbL asks for this credit wherever the data is shown (TileJSON and map styles carry it)
       '© OpenStreetMap contributors'
FROM demo_staging.buildings,
     (SELECT coplan_utm_srid(ST_SetSRID(ST_Extent(geom)::geometry, 4326)) AS srid FROM demo_staging.buildings) AS zone
GROUP BY srid;

INSERT INTO plan (settlement_id, id, name, description, status)
VALUES ('tandale', 'baseline', 'Existing conditions',
        'What is on the ground today, as mapped in 2015.', 'baseline');

-- Structures. use from the OSM building/amenity/type tags. Households are not enumerated in the
-- source, so they are estimated: one household per 40 m² of floor area (footprint x storeys) for
-- residential and per 80 m² for mixed commercial/residential structures, at least one; none for
-- other uses. People = households x 4 (mean household size of Dar es Salaam, 2012 census).
WITH classified AS (
  SELECT ogc_fid, ST_GeometryN(geom, 1) AS geom, nullif(trim(name), '') AS name,
         nullif(trim(wall_type), '') AS material,
         CASE WHEN levels ~ '^[1-9]$' THEN levels::integer ELSE 1 END AS storeys,
         CASE
           WHEN building = 'construction' THEN 'under_construction'
           WHEN building IN ('church', 'mosque') OR type LIKE 'Place of Worship%'
                OR amenity = 'place_of_worship' THEN 'religious'
           WHEN building = 'school' OR type IN ('School', 'University/College')
                OR amenity IN ('school', 'college', 'kindergarten') THEN 'school'
           WHEN type = 'Hospital' OR amenity IN ('hospital', 'pharmacy') THEN 'health'
           WHEN building = 'commercial;residential' THEN 'mixed'
           WHEN building IN ('commercial', 'office') OR type = 'Supermarket'
                OR amenity IN ('bar', 'cafe', 'fast_food', 'Fast food', 'marketplace') THEN 'commercial'
           WHEN building = 'public' OR type IN ('Government', 'Police Station')
                OR amenity IN ('police', 'townhall', 'public_building') THEN 'public'
           WHEN building IN ('utility', 'garages') OR amenity IN ('toilets', 'parking') THEN 'utility'
           WHEN type = 'Sports Facility' THEN 'other'
           ELSE 'residential'
         END AS use
  FROM demo_staging.buildings
),
sized AS (
  SELECT c.*, ST_Area(ST_Transform(c.geom, s.metric_srid)) * c.storeys AS floor_m2
  FROM classified c, settlement s WHERE s.id = 'tandale'
),
occupied AS (
  SELECT *, CASE use
              WHEN 'residential' THEN greatest(1, round(floor_m2 / 40))::integer
              WHEN 'mixed' THEN greatest(1, round(floor_m2 / 80))::integer
              ELSE 0
            END AS households
  FROM sized
)
INSERT INTO structures (settlement_id, plan_id, geom, name, use, households, people,
                        occupancy_estimated, storeys, material)
SELECT 'tandale', 'baseline', geom, name, use, households, households * 4, true, storeys, material
FROM occupied
ORDER BY ogc_fid;

-- Footpaths and roads that reach into the settlement. Widths by class, since the source has none:
-- footways and paths 1.5 m (earth), residential and unclassified streets 4 m lanes (gravel),
-- tertiary roads 8 m (paved).
INSERT INTO footpaths (settlement_id, plan_id, geom, name, class, width_m, surface, state)
SELECT 'tandale', 'baseline', (ST_Dump(r.geom)).geom, nullif(trim(r.name), ''),
       CASE WHEN r.osm_type = 'tertiary' THEN 'road'
            WHEN r.osm_type IN ('residential', 'unclassified') THEN 'lane'
            ELSE 'footpath' END,
       CASE WHEN r.osm_type = 'tertiary' THEN 8.0
            WHEN r.osm_type IN ('residential', 'unclassified') THEN 4.0
            ELSE 1.5 END,
       CASE WHEN r.osm_type = 'tertiary' THEN 'paved'
            WHEN r.osm_type IN ('residential', 'unclassified') THEN 'gravel'
            ELSE 'earth' END,
       'existing'
FROM demo_staging.roads r, settlement s
WHERE s.id = 'tandale' AND ST_Intersects(r.geom, s.boundary)
ORDER BY r.ogc_fid;

-- Drains, ditches and canals within 100 m of the settlement: conditional constraints (build only
-- clear of their setback: 3 m for drains and canals, 2 m for ditches), clipped to that 100 m band.
WITH area AS (
  SELECT ST_Transform(ST_Buffer(ST_Transform(boundary, metric_srid), 100), 4326) AS zone
  FROM settlement WHERE id = 'tandale'
)
INSERT INTO constraints (settlement_id, plan_id, geom, name, kind, severity, setback_m)
SELECT 'tandale', 'baseline', g, coalesce(nullif(trim(w.name), ''), initcap(w.waterway)),
       'drain', 'conditional', CASE WHEN w.waterway = 'ditch' THEN 2 ELSE 3 END
FROM demo_staging.waterways w, area,
     LATERAL (SELECT (ST_Dump(ST_CollectionExtract(ST_Intersection(w.geom, area.zone), 2))).geom AS g) AS part
WHERE w.waterway IN ('drain', 'ditch', 'canal') AND ST_Intersects(w.geom, area.zone)
ORDER BY w.ogc_fid;

-- The river and stream valleys: no-build flood zones, 30 m either side of a river (the Ng'ombe)
-- and 15 m either side of a stream, merged per watercourse name and clipped to 100 m around the
-- settlement.
WITH area AS (
  SELECT metric_srid, ST_Buffer(ST_Transform(boundary, metric_srid), 100) AS zone
  FROM settlement WHERE id = 'tandale'
),
valleys AS (
  SELECT coalesce(nullif(trim(w.name), ''), CASE w.waterway WHEN 'river' THEN 'River' ELSE 'Stream' END)
           || ' valley' AS name,
         ST_Union(ST_Buffer(ST_Transform(w.geom, area.metric_srid),
                            CASE w.waterway WHEN 'river' THEN 30 ELSE 15 END)) AS g,
         area.metric_srid, area.zone
  FROM demo_staging.waterways w, area
  WHERE w.waterway IN ('river', 'stream')
    AND ST_Intersects(ST_Transform(w.geom, area.metric_srid), area.zone)
  GROUP BY 1, area.metric_srid, area.zone
)
INSERT INTO constraints (settlement_id, plan_id, geom, name, kind, severity, setback_m)
SELECT 'tandale', 'baseline',
       ST_Transform((ST_Dump(ST_CollectionExtract(ST_Intersection(g, zone), 3))).geom, 4326),
       name, 'flood_zone', 'no_build', 0
FROM valleys
ORDER BY name;

ANALYZE structures;
ANALYZE footpaths;
ANALYZE constraints;

-- Cells, clusters and segments derived from the footprints (V008): the demo needs a
-- representation for review; a real settlement imports its own (CSV).
SELECT coplan_derive_representation('tandale');
