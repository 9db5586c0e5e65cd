import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { nullable } from '../../platform/schemas.js';

const uuid = Type.String({ format: 'uuid' });
const stamp = Type.String({ format: 'date-time' });

const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' });

const fields = {
  name: Type.String({ minLength: 2, maxLength: 200 }),
  contact_person: Type.String({ maxLength: 200 }),
  email: nullable(Type.String({ format: 'email', maxLength: 254 })),
  phone: nullable(Type.String({ maxLength: 40, description: 'Any common format; stored as E.164' })),
  address: Type.String({ maxLength: 500 }),
  tax_number: Type.String({ maxLength: 40 }),
  payment_terms: Type.String({ maxLength: 100, description: 'e.g. "NET 30"' }),
  notes: Type.String({ maxLength: 2000 }),
  is_active: Type.Boolean(),
};

const example = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  code: 'SUP-001',
  name: 'Textil Kft.',
  contact_person: 'Nagy Péter',
  email: 'rendeles@textil.example.hu',
  phone: '+36301234567',
  address: '6720 Szeged, Kárász utca 1.',
  tax_number: '12345678-2-06',
  payment_terms: 'NET 30',
  notes: '',
  is_active: true,
  version: 1,
  created_at: '2026-01-02T08:00:00.000Z',
  updated_at: '2026-01-02T08:00:00.000Z',
};

export const PartnerPublic = Type.Object(
  { id: uuid, code: Type.String(), ...fields, version: Type.Integer(), created_at: stamp, updated_at: stamp },
  { examples: [example] },
);
export const PartnerList = PageOf(PartnerPublic, example);

export const PartnerCreate = Type.Object(
  {
    code: Code,
    name: fields.name,
    contact_person: Type.Optional(fields.contact_person),
    email: Type.Optional(fields.email),
    phone: Type.Optional(fields.phone),
    address: Type.Optional(fields.address),
    tax_number: Type.Optional(fields.tax_number),
    payment_terms: Type.Optional(fields.payment_terms),
    notes: Type.Optional(fields.notes),
    is_active: Type.Optional(fields.is_active),
  },
  {
    examples: [
      {
        code: 'SUP-001',
        name: 'Textil Kft.',
        contact_person: 'Nagy Péter',
        email: 'rendeles@textil.example.hu',
        phone: '06 30 123 4567',
      },
    ],
  },
);
export type PartnerCreate = Static<typeof PartnerCreate>;

export const PartnerUpdate = Type.Object(
  {
    code: Type.Optional(Code),
    ...Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, Type.Optional(schema)])),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read; stale → 412' })),
  } as {
    code: ReturnType<typeof Type.Optional<typeof Code>>;
    version: ReturnType<typeof Type.Optional<ReturnType<typeof Type.Integer>>>;
  } & { [K in keyof typeof fields]: ReturnType<typeof Type.Optional<(typeof fields)[K]>> },
  { examples: [{ phone: '+36 1 234 5678', version: 1 }] },
);
/** The fields a partner update changes; the version travels beside them. */
export type PartnerChanges = Omit<Static<typeof PartnerUpdate>, 'version'>;

export const PartnerQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    search: Type.Optional(Type.String({ maxLength: 100, description: 'Code or name, accent-insensitive' })),
    is_active: Type.Optional(Type.Boolean()),
    sort_by: Type.Optional(
      Type.Enum(['code_asc', 'code_desc', 'name_asc', 'name_desc', 'created_asc', 'created_desc']),
    ),
  }),
]);

export const PartnerDeleteQuery = Type.Object({
  hard: Type.Optional(
    Type.Boolean({ default: false, description: 'Delete for good (only when no document refers to it)' }),
  ),
});

export const IdParams = Type.Object({ id: uuid });
