import { defineExportColumns } from '../../platform/export/export-formats.js';

/** Dispatches as a file (`GET /dispatches?format=` and the export report), the seed's columns first. */
export const dispatchExportColumns = defineExportColumns('dispatches', [
  { key: 'dispatch_number', type: 'text', header: { en: 'Dispatch number', hu: 'Kiszállítás száma' } },
  { key: 'dispatch_date', type: 'date', header: { en: 'Dispatch date', hu: 'Kiszállítás dátuma' } },
  { key: 'company_name', type: 'text', header: { en: 'Company', hu: 'Cég' } },
  { key: 'project_name', type: 'text', header: { en: 'Project', hu: 'Projekt' } },
  { key: 'drillhole_name', type: 'text', header: { en: 'Drillhole', hu: 'Fúrólyuk' } },
  { key: 'hq_boxes', type: 'number', header: { en: 'HQ boxes', hu: 'HQ ládák' } },
  { key: 'nq_boxes', type: 'number', header: { en: 'NQ boxes', hu: 'NQ ládák' } },
  { key: 'driver', type: 'text', header: { en: 'Driver', hu: 'Sofőr' } },
  { key: 'technician', type: 'text', header: { en: 'Technician', hu: 'Technikus' } },
  { key: 'samples_collected', type: 'number', header: { en: 'Samples collected', hu: 'Gyűjtött minták' } },
  { key: 'sample_type', type: 'text', header: { en: 'Sample type', hu: 'Minta típusa' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'returned_hq', type: 'number', header: { en: 'Returned HQ', hu: 'Visszaérkezett HQ' } },
  { key: 'returned_nq', type: 'number', header: { en: 'Returned NQ', hu: 'Visszaérkezett NQ' } },
  { key: 'return_date', type: 'date', header: { en: 'Return date', hu: 'Visszaérkezés dátuma' } },
  { key: 'return_condition', type: 'text', header: { en: 'Return condition', hu: 'Visszaérkezési állapot' } },
  { key: 'days_out', type: 'number', header: { en: 'Days out', hu: 'Kint töltött napok' } },
  { key: 'notes', type: 'text', header: { en: 'Notes', hu: 'Megjegyzés' } },
]);

export const discrepancyExportColumns = defineExportColumns('dispatch-discrepancies', [
  { key: 'dispatch_number', type: 'text', header: { en: 'Dispatch number', hu: 'Kiszállítás száma' } },
  { key: 'dispatch_date', type: 'date', header: { en: 'Dispatch date', hu: 'Kiszállítás dátuma' } },
  { key: 'status', type: 'text', label: 'status', header: { en: 'Status', hu: 'Állapot' } },
  { key: 'company_name', type: 'text', header: { en: 'Company', hu: 'Cég' } },
  { key: 'project_name', type: 'text', header: { en: 'Project', hu: 'Projekt' } },
  { key: 'drillhole_name', type: 'text', header: { en: 'Drillhole', hu: 'Fúrólyuk' } },
  { key: 'hq_dispatched', type: 'number', header: { en: 'HQ dispatched', hu: 'Kiszállított HQ' } },
  { key: 'hq_returned', type: 'number', header: { en: 'HQ returned', hu: 'Visszaérkezett HQ' } },
  { key: 'hq_difference', type: 'number', header: { en: 'HQ difference', hu: 'HQ eltérés' } },
  { key: 'nq_dispatched', type: 'number', header: { en: 'NQ dispatched', hu: 'Kiszállított NQ' } },
  { key: 'nq_returned', type: 'number', header: { en: 'NQ returned', hu: 'Visszaérkezett NQ' } },
  { key: 'nq_difference', type: 'number', header: { en: 'NQ difference', hu: 'NQ eltérés' } },
  { key: 'written_off', type: 'number', header: { en: 'Written off', hu: 'Leírva' } },
  { key: 'write_off_reason', type: 'text', header: { en: 'Write-off reason', hu: 'Leírás oka' } },
]);

export const analyticsExportColumns = defineExportColumns('dispatch-analytics', [
  { key: 'grouping', type: 'text', header: { en: 'Grouping', hu: 'Csoportosítás' } },
  { key: 'key', type: 'text', header: { en: 'Group', hu: 'Csoport' } },
  { key: 'dispatches', type: 'number', header: { en: 'Dispatches', hu: 'Kiszállítások' } },
  { key: 'hq_dispatched', type: 'number', header: { en: 'HQ dispatched', hu: 'Kiszállított HQ' } },
  { key: 'nq_dispatched', type: 'number', header: { en: 'NQ dispatched', hu: 'Kiszállított NQ' } },
  { key: 'hq_returned', type: 'number', header: { en: 'HQ returned', hu: 'Visszaérkezett HQ' } },
  { key: 'nq_returned', type: 'number', header: { en: 'NQ returned', hu: 'Visszaérkezett NQ' } },
  { key: 'samples_collected', type: 'number', header: { en: 'Samples collected', hu: 'Gyűjtött minták' } },
  {
    key: 'avg_turnaround_days',
    type: 'number',
    header: { en: 'Average turnaround (days)', hu: 'Átlagos átfutás (nap)' },
  },
]);

export const dashboardExportColumns = defineExportColumns('dispatch-dashboard', [
  { key: 'metric', type: 'text', header: { en: 'Metric', hu: 'Mutató' } },
  { key: 'value', type: 'number', header: { en: 'Value', hu: 'Érték' } },
]);
