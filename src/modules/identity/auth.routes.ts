import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Roles } from '../../platform/access.js';
import { ctxOf } from '../../platform/request-ctx.js';
import type { AuthService } from './auth.service.js';
import { IdentityTexts } from './identity.errors.js';
import {
  Accepted,
  ChangePasswordBody,
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  ResetPasswordBody,
  TokenPair,
  UserPublic,
} from './identity.schemas.js';

const tags = ['auth'];
// Token routes ignore Idempotency-Key: a retry signs in again, and no token is stored with a key.
const open = { access: { public: true as const }, idempotency: false };
/** Sign-in: failed attempts are throttled (429). */
const throttled = { ...open, rateLimited: true };
const signedIn = { access: { roles: Roles.all }, idempotency: false };

export const authRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  allowRegistration: boolean;
}> = async (app, { auth, allowRegistration }) => {
  // Swagger UI's Authorize button posts the OAuth2 password form; JSON works too.
  await app.register(formbody);
  // Token and account answers must never be kept by a browser or proxy (RFC 6749 §5.1).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('pragma', 'no-cache');
  });

  const loginSchema = {
    tags,
    summary: 'Sign in with username or e-mail, and password',
    description:
      'Accepts JSON or the OAuth2 password form, with `password` and exactly one of `username` ' +
      '(a username or an e-mail address) and `email` (an e-mail address); e-mail addresses match ' +
      'in any case. Neither or both → 422. An unknown name answers like a wrong password (401 ' +
      'INVALID_CREDENTIALS). 5 failed attempts a minute per IP and account → 429.',
    consumes: ['application/json', 'application/x-www-form-urlencoded'],
    body: LoginBody,
    response: { 200: TokenPair },
  };
  const login = async (request: { body: LoginBody } & Parameters<typeof ctxOf>[0]) =>
    auth.login(ctxOf(request), request.body);
  app.post('/login', { config: throttled, schema: loginSchema }, (request) => login(request));
  app.post(
    '/login-json',
    { config: throttled, schema: { ...loginSchema, summary: 'Sign in (alias of /login)' } },
    (request) => login(request),
  );

  app.post(
    '/refresh',
    {
      config: open,
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new pair (single use)',
        body: RefreshBody,
        response: { 200: TokenPair },
      },
    },
    (request) => auth.refresh(ctxOf(request), request.body.refresh_token),
  );

  app.post(
    '/logout',
    {
      config: open,
      schema: {
        tags,
        summary: "Revoke the refresh token's login on every device",
        body: RefreshBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.logout(ctxOf(request), request.body.refresh_token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The current user, with role and the modules they may use (granted and switched on)',
        response: { 200: UserPublic },
      },
    },
    (request) => auth.me(ctxOf(request)),
  );

  app.post(
    '/change-password',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change your password; other sessions end and a new token pair is returned',
        body: ChangePasswordBody,
        response: { 200: TokenPair },
      },
    },
    (request) =>
      auth.changePassword(ctxOf(request), request.body.current_password, request.body.new_password),
  );

  app.post(
    '/forgot-password',
    {
      config: open,
      schema: {
        tags,
        summary: 'Mail a single-use reset link (same answer whether or not the address exists)',
        body: ForgotPasswordBody,
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      await auth.forgotPassword(ctxOf(request), request.body.email);
      return reply.code(202).send({ detail: IdentityTexts.forgotAccepted(request.locale) });
    },
  );

  app.post(
    '/reset-password',
    {
      config: open,
      schema: {
        tags,
        summary: 'Set a new password with a reset token; all sessions of the user end',
        body: ResetPasswordBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.resetPassword(ctxOf(request), request.body.token, request.body.new_password);
      return reply.code(204).send(null);
    },
  );

  if (allowRegistration) {
    app.post(
      '/register',
      {
        config: open,
        schema: {
          tags,
          summary: 'Create your own account (DEFAULT_ROLE, DEFAULT_MODULES)',
          description:
            'Without `username`, the account gets one derived from the e-mail address (see the ' +
            'field), unique even when several registrations derive the same one at once. An e-mail ' +
            'address already in use → 409 EMAIL_TAKEN; a username given and taken → 409 USERNAME_TAKEN.',
          body: RegisterBody,
          response: { 201: UserPublic },
        },
      },
      async (request, reply) => reply.code(201).send(await auth.register(ctxOf(request), request.body)),
    );
  }
};
