import { Type } from 'typebox';

type Member = Parameters<typeof Type.Union>[0][number];

/** `schema` or null; `options` (a description, say) go on the union. */
export const nullable = <T extends Member>(schema: T, options?: Parameters<typeof Type.Union>[1]) =>
  Type.Union([schema, Type.Null()], options);

/** The body of every non-2xx response. */
export const ErrorResponse = Type.Object(
  {
    detail: Type.String({
      description: 'Human-readable message in the language asked for by Accept-Language',
    }),
    error_code: Type.String({ description: 'Stable UPPER_SNAKE identifier of the error' }),
    timestamp: Type.String({ format: 'date-time' }),
    request_id: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description:
          'One entry per field the error is about: every invalid field of a 422, or the document line (`lines.3.quantity`) a stock refusal is about',
      }),
    ),
  },
  {
    $id: 'ErrorResponse',
    additionalProperties: true,
    examples: [
      {
        detail: 'The request contains invalid data.',
        error_code: 'VALIDATION_ERROR',
        timestamp: '2026-01-15T09:30:00.000Z',
        request_id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
        errors: [{ field: 'quantity', message: 'must be at least 0.0001' }],
      },
    ],
  },
);

export const errorRef = Type.Unsafe<{ detail: string; error_code: string }>({ $ref: 'ErrorResponse#' });
