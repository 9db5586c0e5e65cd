import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Every setting the service reads, with its default. This is the only module that reads
 * `process.env`; everything else receives the parsed `Config`.
 */
const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8000 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  CORS_ORIGINS: Type.String({ default: '' }),
  TIMEZONE: Type.String({ minLength: 1, default: 'Europe/Budapest' }),
  DEFAULT_LOCALE: Type.Union([Type.Literal('en'), Type.Literal('hu')], { default: 'en' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  SCHEDULER_ENABLED: Type.Boolean({ default: true }),
  TRUST_PROXY: Type.Boolean({ default: false }),
});

type RawConfig = Static<typeof ConfigSchema>;

export interface Config {
  env: RawConfig['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  logLevel: string;
  corsOrigins: string[] | '*';
  timezone: string;
  defaultLocale: 'en' | 'hu';
  bodyLimit: number;
  shutdownTimeoutMs: number;
  schedulerEnabled: boolean;
  trustProxy: boolean;
}

export class ConfigError extends Error {}

function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseOrigins(raw: string): Config['corsOrigins'] {
  const list = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return list.includes('*') ? '*' : list;
}

/** Parses an environment (process.env by default) into a typed config; throws one ConfigError naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const value = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, known));
  const firstError = Value.Errors(ConfigSchema, value)[0];
  if (firstError) {
    const name = firstError.instancePath.replace(/^\//, '') || 'configuration';
    const choices = (ConfigSchema.properties as Record<string, { anyOf?: { const: unknown }[] }>)[name]
      ?.anyOf;
    const reason = choices ? `must be one of ${choices.map((c) => c.const).join(', ')}` : firstError.message;
    throw new ConfigError(`Invalid setting ${name}=${JSON.stringify(env[name] ?? '')}: ${reason}`);
  }
  const raw = value as RawConfig;
  if (!isValidTimezone(raw.TIMEZONE)) {
    throw new ConfigError(`Invalid setting TIMEZONE=${JSON.stringify(raw.TIMEZONE)}: unknown IANA time zone`);
  }
  return {
    env: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL || undefined,
    dbPoolSize: raw.DB_POOL_SIZE,
    logLevel: raw.LOG_LEVEL,
    corsOrigins: parseOrigins(raw.CORS_ORIGINS),
    timezone: raw.TIMEZONE,
    defaultLocale: raw.DEFAULT_LOCALE,
    bodyLimit: raw.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    schedulerEnabled: raw.SCHEDULER_ENABLED,
    trustProxy: raw.TRUST_PROXY,
    ...overrides,
  };
}

/** Loads `.env` from the working directory into process.env (real environment variables win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
