import { defineExportColumns } from '../../platform/export/export-formats.js';

/** The biofloc lists as files (`?format=csv|xlsx`); keys are the export queries' column names. */
const id = (en: string, hu: string) => ({ key: 'id', type: 'text' as const, header: { en, hu } });
const batchCode = { key: 'batch_code', type: 'text' as const, header: { en: 'Batch', hu: 'Állomány' } };
const sku = { key: 'sku', type: 'text' as const, header: { en: 'SKU', hu: 'Cikkszám' } };

export const tankExportColumns = defineExportColumns('biofloc-tanks', [
  { key: 'tank_code', type: 'text', header: { en: 'Tank code', hu: 'Medencekód' } },
  { key: 'tank_name', type: 'text', header: { en: 'Tank name', hu: 'Medence neve' } },
  { key: 'capacity_liters', type: 'number', header: { en: 'Capacity (l)', hu: 'Térfogat (l)' } },
  { key: 'location', type: 'text', header: { en: 'Location', hu: 'Hely' } },
  { key: 'tank_type', type: 'text', header: { en: 'Type', hu: 'Típus' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'current_batch_code', type: 'text', header: { en: 'Current batch', hu: 'Jelenlegi állomány' } },
  { key: 'current_batch_count', type: 'number', header: { en: 'Fish', hu: 'Halak száma' } },
  { key: 'is_active', type: 'text', header: { en: 'Active', hu: 'Aktív' } },
  { key: 'created_at', type: 'datetime', header: { en: 'Created', hu: 'Létrehozva' } },
  id('Tank ID', 'Medence azonosító'),
]);

export const batchExportColumns = defineExportColumns('biofloc-batches', [
  batchCode,
  { key: 'species', type: 'text', header: { en: 'Species', hu: 'Faj' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'tank_code', type: 'text', header: { en: 'Tank', hu: 'Medence' } },
  { key: 'stocking_date', type: 'date', header: { en: 'Stocked', hu: 'Telepítve' } },
  { key: 'initial_count', type: 'number', header: { en: 'Initial count', hu: 'Kezdő darabszám' } },
  {
    key: 'initial_avg_weight_g',
    type: 'number',
    header: { en: 'Initial weight (g)', hu: 'Kezdő átlagsúly (g)' },
  },
  { key: 'current_count', type: 'number', header: { en: 'Current count', hu: 'Jelenlegi darabszám' } },
  { key: 'current_avg_weight_g', type: 'number', header: { en: 'Weight (g)', hu: 'Átlagsúly (g)' } },
  { key: 'current_biomass_kg', type: 'number', header: { en: 'Biomass (kg)', hu: 'Biomassza (kg)' } },
  { key: 'total_mortality', type: 'number', header: { en: 'Mortality', hu: 'Elhullás' } },
  { key: 'total_feed_kg', type: 'number', header: { en: 'Feed (kg)', hu: 'Takarmány (kg)' } },
  { key: 'total_cost', type: 'number', header: { en: 'Cost', hu: 'Költség' } },
  { key: 'harvested_kg', type: 'number', header: { en: 'Harvested (kg)', hu: 'Lehalászva (kg)' } },
  { key: 'revenue', type: 'number', header: { en: 'Revenue', hu: 'Árbevétel' } },
  { key: 'end_date', type: 'date', header: { en: 'Closed', hu: 'Lezárva' } },
  id('Batch ID', 'Állomány azonosító'),
]);

export const feedingExportColumns = defineExportColumns('biofloc-feedings', [
  { key: 'feeding_date', type: 'date', header: { en: 'Date', hu: 'Dátum' } },
  { key: 'session_number', type: 'number', header: { en: 'Session', hu: 'Etetés sorszáma' } },
  { key: 'feed_time', type: 'text', header: { en: 'Time', hu: 'Időpont' } },
  batchCode,
  sku,
  { key: 'quantity_kg', type: 'number', header: { en: 'Quantity (kg)', hu: 'Mennyiség (kg)' } },
  { key: 'unit_cost', type: 'number', header: { en: 'Unit cost', hu: 'Egységköltség' } },
  { key: 'cost', type: 'number', header: { en: 'Cost', hu: 'Költség' } },
  { key: 'total_kg', type: 'number', header: { en: 'Session total (kg)', hu: 'Etetés összesen (kg)' } },
  { key: 'biomass_kg', type: 'number', header: { en: 'Biomass (kg)', hu: 'Biomassza (kg)' } },
  { key: 'feeding_rate_pct', type: 'number', header: { en: 'Feeding rate (%)', hu: 'Etetési arány (%)' } },
  id('Feeding ID', 'Etetés azonosító'),
]);

export const tankInputExportColumns = defineExportColumns('biofloc-tank-inputs', [
  { key: 'input_date', type: 'date', header: { en: 'Date', hu: 'Dátum' } },
  { key: 'input_time', type: 'text', header: { en: 'Time', hu: 'Időpont' } },
  { key: 'input_type', type: 'text', header: { en: 'Type', hu: 'Típus' } },
  sku,
  { key: 'quantity', type: 'number', header: { en: 'Quantity', hu: 'Mennyiség' } },
  { key: 'unit', type: 'text', header: { en: 'Unit', hu: 'Egység' } },
  { key: 'unit_cost', type: 'number', header: { en: 'Unit cost', hu: 'Egységköltség' } },
  { key: 'cost', type: 'number', header: { en: 'Cost', hu: 'Költség' } },
  { key: 'reason', type: 'text', header: { en: 'Reason', hu: 'Indok' } },
  id('Input ID', 'Bevitel azonosító'),
]);

export const waterTestExportColumns = defineExportColumns('biofloc-water-tests', [
  { key: 'test_date', type: 'date', header: { en: 'Date', hu: 'Dátum' } },
  { key: 'test_time', type: 'text', header: { en: 'Time', hu: 'Időpont' } },
  { key: 'tank_code', type: 'text', header: { en: 'Tank', hu: 'Medence' } },
  { key: 'temperature_c', type: 'number', header: { en: 'Temperature (°C)', hu: 'Hőmérséklet (°C)' } },
  { key: 'ph', type: 'number', header: { en: 'pH', hu: 'pH-érték' } },
  { key: 'dissolved_oxygen_mgl', type: 'number', header: { en: 'DO (mg/L)', hu: 'Oldott oxigén (mg/L)' } },
  { key: 'salinity_ppt', type: 'number', header: { en: 'Salinity (ppt)', hu: 'Sótartalom (ppt)' } },
  { key: 'ammonia_nh3_mgl', type: 'number', header: { en: 'NH3 (mg/L)', hu: 'Ammónia (mg/L)' } },
  { key: 'nitrite_no2_mgl', type: 'number', header: { en: 'NO2 (mg/L)', hu: 'Nitrit (mg/L)' } },
  { key: 'nitrate_no3_mgl', type: 'number', header: { en: 'NO3 (mg/L)', hu: 'Nitrát (mg/L)' } },
  { key: 'alkalinity_mgl', type: 'number', header: { en: 'Alkalinity (mg/L)', hu: 'Lúgosság (mg/L)' } },
  { key: 'hardness_mgl', type: 'number', header: { en: 'Hardness (mg/L)', hu: 'Keménység (mg/L)' } },
  { key: 'turbidity_ntu', type: 'number', header: { en: 'Turbidity (NTU)', hu: 'Zavarosság (NTU)' } },
  { key: 'tds_mgl', type: 'number', header: { en: 'TDS (mg/L)', hu: 'Oldott anyag (mg/L)' } },
  { key: 'floc_volume_mll', type: 'number', header: { en: 'Floc (mL/L)', hu: 'Flokk (mL/L)' } },
  { key: 'breaches', type: 'number', header: { en: 'Breaches', hu: 'Határérték-túllépések' } },
  id('Test ID', 'Vizsgálat azonosító'),
]);

export const profileExportColumns = defineExportColumns('biofloc-water-profiles', [
  { key: 'species', type: 'text', header: { en: 'Species', hu: 'Faj' } },
  { key: 'do_min', type: 'number', header: { en: 'DO min', hu: 'Oldott oxigén min.' } },
  { key: 'nh3_max', type: 'number', header: { en: 'NH3 max', hu: 'Ammónia max.' } },
  { key: 'no2_max', type: 'number', header: { en: 'NO2 max', hu: 'Nitrit max.' } },
  { key: 'ph_min', type: 'number', header: { en: 'pH min', hu: 'pH min.' } },
  { key: 'ph_max', type: 'number', header: { en: 'pH max', hu: 'pH max.' } },
  { key: 'floc_min', type: 'number', header: { en: 'Floc min', hu: 'Flokk min.' } },
  { key: 'floc_max', type: 'number', header: { en: 'Floc max', hu: 'Flokk max.' } },
  { key: 'updated_at', type: 'datetime', header: { en: 'Updated', hu: 'Módosítva' } },
  id('Profile ID', 'Profil azonosító'),
]);

export const samplingExportColumns = defineExportColumns('biofloc-samplings', [
  { key: 'sample_date', type: 'date', header: { en: 'Date', hu: 'Dátum' } },
  batchCode,
  { key: 'sample_size', type: 'number', header: { en: 'Sample size', hu: 'Minta mérete' } },
  { key: 'avg_weight_g', type: 'number', header: { en: 'Weight (g)', hu: 'Átlagsúly (g)' } },
  { key: 'min_weight_g', type: 'number', header: { en: 'Min (g)', hu: 'Min. (g)' } },
  { key: 'max_weight_g', type: 'number', header: { en: 'Max (g)', hu: 'Max. (g)' } },
  { key: 'avg_length_cm', type: 'number', header: { en: 'Length (cm)', hu: 'Hossz (cm)' } },
  { key: 'condition_factor', type: 'number', header: { en: 'Condition factor', hu: 'Kondíciófaktor' } },
  { key: 'fish_count', type: 'number', header: { en: 'Fish', hu: 'Halak száma' } },
  { key: 'biomass_kg', type: 'number', header: { en: 'Biomass (kg)', hu: 'Biomassza (kg)' } },
  id('Sampling ID', 'Mintavétel azonosító'),
]);

export const mortalityExportColumns = defineExportColumns('biofloc-mortality', [
  { key: 'mortality_date', type: 'date', header: { en: 'Date', hu: 'Dátum' } },
  batchCode,
  { key: 'count', type: 'number', header: { en: 'Dead', hu: 'Elhullott' } },
  { key: 'cause', type: 'text', header: { en: 'Cause', hu: 'Ok' } },
  { key: 'avg_weight_g', type: 'number', header: { en: 'Weight (g)', hu: 'Átlagsúly (g)' } },
  { key: 'biomass_kg', type: 'number', header: { en: 'Biomass (kg)', hu: 'Biomassza (kg)' } },
  id('Record ID', 'Bejegyzés azonosító'),
]);

export const harvestExportColumns = defineExportColumns('biofloc-harvests', [
  { key: 'harvest_date', type: 'date', header: { en: 'Date', hu: 'Dátum' } },
  batchCode,
  { key: 'harvest_type', type: 'text', header: { en: 'Type', hu: 'Típus' } },
  { key: 'fish_count', type: 'number', header: { en: 'Fish', hu: 'Halak száma' } },
  { key: 'total_weight_kg', type: 'number', header: { en: 'Weight (kg)', hu: 'Tömeg (kg)' } },
  { key: 'avg_weight_g', type: 'number', header: { en: 'Average (g)', hu: 'Átlagsúly (g)' } },
  { key: 'grade', type: 'text', header: { en: 'Grade', hu: 'Minőség' } },
  { key: 'buyer', type: 'text', header: { en: 'Buyer', hu: 'Vevő' } },
  { key: 'price_per_kg', type: 'number', header: { en: 'Price/kg', hu: 'Ár/kg' } },
  { key: 'revenue', type: 'number', header: { en: 'Revenue', hu: 'Árbevétel' } },
  { key: 'lot_number', type: 'text', header: { en: 'Lot', hu: 'Tétel' } },
  id('Harvest ID', 'Lehalászás azonosító'),
]);
