-- Units present from the start; more can be added through /api/v1/units.
INSERT INTO "units" ("code", "name", "decimals") VALUES
  ('pcs', 'Piece', 0),
  ('kg', 'Kilogram', 3),
  ('l', 'Litre', 3),
  ('m', 'Metre', 3),
  ('box', 'Box', 0);
