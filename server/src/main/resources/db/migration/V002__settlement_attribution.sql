-- Who must be credited for a settlement's data, as maps show it (TileJSON and style attribution).
-- Null when the data is the settlement's own. Licences such as the ODbL of OpenStreetMap-derived
-- data require the credit wherever the data is displayed, so it travels with the data.
ALTER TABLE settlement
  ADD COLUMN attribution text CHECK (length(attribution) BETWEEN 1 AND 500);
