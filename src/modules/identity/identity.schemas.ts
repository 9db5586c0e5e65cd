import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../platform/pagination.js';
import { ROLE_ALIASES } from '../../platform/roles.js';
import { USERNAME_CHARS, USERNAME_LENGTH } from './username.js';
import { UserSorts } from './users.repo.js';

const uuid = Type.String({ format: 'uuid' });
const nullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/**
 * Any of our role names or the other seeds' aliases (operator, staff, user). Typed as a string:
 * a union built from a list has no static type of its own, and `canonicalRole` maps the name.
 */
export const RoleInput = Type.Unsafe<string>(
  Type.Union(
    ROLE_ALIASES.map((role) => Type.Literal(role)),
    {
      description:
        'admin | manager | warehouse | viewer (aliases: operator, staff → warehouse; user → viewer)',
    },
  ),
);

const usernameRules = {
  minLength: USERNAME_LENGTH.min,
  maxLength: USERNAME_LENGTH.max,
  pattern: `^[${USERNAME_CHARS}]+$`,
};
const Username = Type.String(usernameRules);
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 256 });

export const TokenPair = Type.Object(
  {
    access_token: Type.String(),
    refresh_token: Type.String(),
    token_type: Type.Literal('bearer'),
    expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
  },
  {
    examples: [
      {
        access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.signature',
        refresh_token: 'kM8y0v3Q4d3xq2s0n1XjH4d1H2sB0mY5Jb8u3dQwZ1c',
        token_type: 'bearer',
        expires_in: 900,
      },
    ],
  },
);

/** Exactly one of `username` and `email` names the account (checked by the service: 422 otherwise). */
export const LoginBody = Type.Object(
  {
    username: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 254,
        description: 'Username, or the e-mail address; send this or `email`, not both',
      }),
    ),
    email: Type.Optional(
      Type.String({
        format: 'email',
        maxLength: 254,
        description: 'E-mail address, in any case; send this or `username`, not both',
      }),
    ),
    password: Password,
  },
  {
    description: 'Exactly one of `username` and `email`, and the password',
    examples: [
      { username: 'admin', password: 'S3cure!pass' },
      { email: 'anna@example.com', password: 'S3cure!pass' },
    ],
  },
);
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object(
  { refresh_token: Type.String({ minLength: 1, maxLength: 512 }) },
  { examples: [{ refresh_token: 'kM8y0v3Q4d3xq2s0n1XjH4d1H2sB0mY5Jb8u3dQwZ1c' }] },
);

export const ChangePasswordBody = Type.Object(
  { current_password: Password, new_password: Password },
  { examples: [{ current_password: 'S3cure!pass', new_password: 'N3w!password' }] },
);

export const ForgotPasswordBody = Type.Object(
  { email: Email },
  { examples: [{ email: 'anna@example.com' }] },
);

export const ResetPasswordBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512 }), new_password: Password },
  { examples: [{ token: 'Zr1uJ0yWqfXo7mV2m8c4y0H3l5nQd9pT2e6K1bA7sU0', new_password: 'N3w!password' }] },
);

export const Accepted = Type.Object(
  { detail: Type.String() },
  { examples: [{ detail: 'If the address belongs to an account, a reset link is on its way.' }] },
);

const userExample = {
  id: '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f',
  email: 'anna@example.com',
  username: 'anna',
  full_name: 'Kovács Anna',
  role: 'warehouse',
  is_active: true,
  modules: ['inventory', 'sales'],
  last_login_at: '2026-01-15T09:30:00.000Z',
  version: 3,
  created_at: '2026-01-02T08:00:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};

export const UserPublic = Type.Object(
  {
    id: uuid,
    email: Type.String(),
    username: Type.String(),
    full_name: Type.String(),
    role: Type.String(),
    is_active: Type.Boolean(),
    modules: Type.Array(Type.String(), { description: 'Granted modules' }),
    last_login_at: nullableDate,
    version: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { examples: [userExample] },
);

export const UserList = PageOf(UserPublic, userExample);

export const UserCreate = Type.Object(
  {
    email: Email,
    username: Username,
    full_name: Type.Optional(Type.String({ maxLength: 200 })),
    password: Password,
    role: Type.Optional(RoleInput),
    modules: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true }),
    ),
  },
  {
    examples: [
      {
        email: 'anna@example.com',
        username: 'anna',
        full_name: 'Kovács Anna',
        password: 'S3cure!pass',
        role: 'warehouse',
      },
    ],
  },
);
export type UserCreate = Static<typeof UserCreate>;

export const RegisterBody = Type.Object(
  {
    email: Email,
    username: Type.Optional(
      Type.String({
        ...usernameRules,
        description:
          "Optional. Without it, the username is the e-mail address's local part, lowercased, " +
          'without accents and with only the characters a username may hold (`Kovacs.Anna+x@…` → ' +
          '`kovacs.annax`), padded to 3 characters with `user-`, and with `-2`, `-3` … added when taken',
      }),
    ),
    full_name: Type.Optional(Type.String({ maxLength: 200 })),
    password: Password,
  },
  {
    examples: [
      { email: 'anna@example.com', username: 'anna', full_name: 'Kovács Anna', password: 'S3cure!pass' },
      { email: 'Kovacs.Anna@example.com', full_name: 'Kovács Anna', password: 'S3cure!pass' },
    ],
  },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const UserUpdate = Type.Object(
  {
    email: Type.Optional(Email),
    username: Type.Optional(Username),
    full_name: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(RoleInput),
    is_active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read; stale → 412' })),
  },
  { examples: [{ role: 'manager', version: 3 }] },
);
/** The fields a user update changes; the version travels beside them. */
export type UserChanges = Omit<Static<typeof UserUpdate>, 'version'>;

export const UserQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    search: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleInput),
    is_active: Type.Optional(Type.Boolean()),
    sort_by: Type.Optional(
      Type.Enum(Object.keys(UserSorts) as (keyof typeof UserSorts)[], { default: 'username_asc' }),
    ),
  }),
]);

export const IdParams = Type.Object({ id: uuid });

export const ModuleGrantBody = Type.Object(
  { modules: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true }) },
  { examples: [{ modules: ['inventory', 'sales'] }] },
);

const moduleExample = {
  key: 'inventory',
  name: 'Inventory',
  description: 'Products, warehouses, bins, lots, stock movements, transfers and reservations',
  parent_key: null,
  is_active: true,
  sort_order: 10,
};

export const ModulePublic = Type.Object(
  {
    key: Type.String(),
    name: Type.String(),
    description: Type.String(),
    parent_key: Type.Union([Type.String(), Type.Null()]),
    is_active: Type.Boolean(),
    sort_order: Type.Integer(),
  },
  { examples: [moduleExample] },
);

export const ModuleList = Type.Array(ModulePublic, { examples: [[moduleExample]] });
export const ModuleUpdate = Type.Object({ is_active: Type.Boolean() }, { examples: [{ is_active: false }] });
export const ModuleParams = Type.Object({ key: Type.String({ maxLength: 64 }) });
