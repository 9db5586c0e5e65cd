import { defineExportColumns } from '../../platform/export/export-formats.js';

/** The audit log as a file (`GET /audit-log?format=csv|xlsx`), newest first as listed. */
export const auditExportColumns = defineExportColumns('audit-log', [
  { key: 'occurred_at', type: 'datetime', header: { en: 'Time', hu: 'Időpont' } },
  { key: 'actor_username', type: 'text', header: { en: 'User', hu: 'Felhasználó' } },
  { key: 'action', type: 'text', header: { en: 'Action', hu: 'Művelet' } },
  { key: 'entity_type', type: 'text', header: { en: 'Entity type', hu: 'Entitás típusa' } },
  { key: 'entity_id', type: 'text', header: { en: 'Entity ID', hu: 'Entitás azonosító' } },
  { key: 'before', type: 'text', header: { en: 'Before', hu: 'Előtte' } },
  { key: 'after', type: 'text', header: { en: 'After', hu: 'Utána' } },
  { key: 'ip', type: 'text', header: { en: 'IP address', hu: 'IP-cím' } },
  { key: 'user_agent', type: 'text', header: { en: 'User agent', hu: 'Kliens' } },
  { key: 'request_id', type: 'text', header: { en: 'Request ID', hu: 'Kérésazonosító' } },
  { key: 'id', type: 'text', header: { en: 'Entry ID', hu: 'Bejegyzés azonosító' } },
]);
