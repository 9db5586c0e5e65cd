-- The limits water tests are checked against for species without a profile of their own:
-- DO < 4 mg/L, NH3 > 1 mg/L, nitrite > 0.5 mg/L, pH outside 6.5–8.5, floc outside 10–40 mL/L.
INSERT INTO biofloc_water_profiles (id, species, do_min, nh3_max, no2_max, ph_min, ph_max, floc_min, floc_max)
VALUES (raktar_uuidv7(), 'default', 4, 1, 0.5, 6.5, 8.5, 10, 40);
