import type { StreamRows } from '../../db/stream.js';
import type { RequestCtx } from '../request-ctx.js';
import type { FileFormat } from './export-formats.js';

/** What an export leaves in the audit trail: what was exported, how, with which filters, how much. */
export interface ExportRecord {
  /** The exported list, as the file is named: `stock-movements`. */
  name: string;
  format: FileFormat;
  filters: Record<string, unknown>;
  rows: number;
  /** False when the download stopped before the last row (client gone, read failed). */
  complete: boolean;
}

/**
 * What export routes need from the rest of the application: a cursor over the database, the
 * business timezone, and a way to audit (the audit module fills it in; platform/ knows no module).
 */
export interface Exporter {
  streamRows: StreamRows;
  timezone: string;
  audit: (ctx: RequestCtx, record: ExportRecord) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    exporter: Exporter;
  }
}
