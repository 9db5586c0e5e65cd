import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';

export const AuditEntryPublic = Type.Object({
  id: Type.String({ format: 'uuid' }),
  occurred_at: Type.String({ format: 'date-time' }),
  actor_id: Type.Union([Type.String(), Type.Null()]),
  actor_username: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity_type: Type.String(),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  after: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  request_id: Type.Union([Type.String(), Type.Null()]),
});

export const AuditList = PageOf(AuditEntryPublic, {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  occurred_at: '2026-01-15T09:30:00.000Z',
  actor_id: '01936d3e-0000-7c4b-9e1d-5a6b7c8d9e0f',
  actor_username: 'admin',
  action: 'user.update',
  entity_type: 'user',
  entity_id: '01936d3e-1111-7c4b-9e1d-5a6b7c8d9e0f',
  before: { role: 'viewer' },
  after: { role: 'manager' },
  ip: '127.0.0.1',
  user_agent: 'curl/8.5.0',
  request_id: '01936d3e-2222-7c4b-9e1d-5a6b7c8d9e0f',
});

export const AuditQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    user_id: Type.Optional(Type.String({ format: 'uuid', description: 'Actor' })),
    entity_type: Type.Optional(Type.String({ maxLength: 64 })),
    entity_id: Type.Optional(Type.String({ maxLength: 128 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  }),
]);
