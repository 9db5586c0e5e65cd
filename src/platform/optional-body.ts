import type { FastifyRequest } from 'fastify';

/**
 * A route-level preValidation hook for actions whose body is optional (`POST …/complete`): a
 * request sent without one validates as `{}` instead of failing with "body must be object".
 */
export async function bodyOptional(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}
