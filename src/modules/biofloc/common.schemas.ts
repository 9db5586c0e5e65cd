import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';

export const uuid = Type.String({ format: 'uuid' });
export const day = Type.String({ format: 'date' });
export const stamp = Type.String({ format: 'date-time' });
/** A clock time of day, `HH:MM` or `HH:MM:SS`. */
export const clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$', examples: ['07:30'] });
export const orNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const text = (maxLength = 2000) => Type.String({ maxLength });
/** A count of fish. */
export const fishCount = (minimum = 1) => Type.Integer({ minimum, maximum: 1e9 });
/** A weight, volume or other measure: non-negative, within what the columns hold. */
export const amount = (options: { minimum?: number; exclusiveMinimum?: number; maximum?: number } = {}) =>
  Type.Number({ minimum: 0, maximum: 1e12, ...options });
export const IdParams = Type.Object({ id: uuid });

/**
 * The seed's clients send optional fields they leave empty as `""`: they mean absent. Top-level
 * fields and those of objects in arrays (feed items, size groups) are dropped before validation.
 */
export async function blankAsAbsent(request: FastifyRequest): Promise<void> {
  const strip = (value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(record)) {
      if (field === '') delete record[key];
      else if (Array.isArray(field)) for (const item of field) strip(item);
    }
  };
  strip(request.body);
}

/** A dated record list's filters, as its repos take them. */
export function recordFilterOf(q: {
  tank_id?: string;
  batch_id?: string;
  date_from?: string;
  date_to?: string;
}) {
  return { tankId: q.tank_id, batchId: q.batch_id, dateFrom: q.date_from, dateTo: q.date_to };
}
