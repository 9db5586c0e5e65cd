import type { FastifyRequest } from 'fastify';
import { Errors } from './errors.js';

/**
 * The version a client says it is updating: `version` in the body or an `If-Match` header
 * (`"3"`, `W/"3"` or `3`). Undefined when the client sent neither.
 */
export function expectedVersion(request: FastifyRequest, bodyVersion?: number): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return bodyVersion;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw Errors.validation({}, { errors: [{ field: 'If-Match', message: 'must be a version number' }] });
  const fromHeader = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== fromHeader) throw Errors.stale();
  return fromHeader;
}
