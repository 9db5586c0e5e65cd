import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { canonicalRole, ROLE_ALIASES, type Role } from './platform/roles.js';

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
  EMBEDDED_PG_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  DATABASE_DIRECT_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_REPLICA_URLS: Type.Optional(
    Type.String({ pattern: '^\\s*postgres(ql)?://[^,]+(,\\s*postgres(ql)?://[^,]+)*\\s*$' }),
  ),
  DB_PREPARED_STATEMENTS: Type.Boolean({ default: true }),
  POSTING_BATCH_MAX: Type.Integer({ minimum: 1, maximum: 1000, default: 64 }),
  POSTING_BATCHES_IN_FLIGHT: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
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
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  VALKEY_URL: Type.Optional(Type.String({ pattern: '^(redis|rediss|valkey|valkeys)://' })),
  VALKEY_PREFIX: Type.String({ minLength: 1, maxLength: 64, default: 'raktar:' }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_EXPIRE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  PRINCIPAL_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 5 }),
  REFRESH_TOKEN_EXPIRE_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 7 }),
  PASSWORD_RESET_EXPIRE_MINUTES: Type.Integer({ minimum: 5, maximum: 1440, default: 60 }),
  LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, default: 5 }),
  LOGIN_MAX_FAILURES_PER_IP: Type.Integer({ minimum: 1, default: 50 }),
  RATE_LIMIT_READ_MAX: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  RATE_LIMIT_WRITE_MAX: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 60 }),
  LOGIN_FAILURE_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  ALLOW_REGISTRATION: Type.Boolean({ default: false }),
  DEFAULT_ROLE: Type.Union(
    ROLE_ALIASES.map((role) => Type.Literal(role)),
    { default: 'viewer' },
  ),
  DEFAULT_MODULES: Type.String({
    default: 'inventory,purchasing,sales,production,dispatch,biofloc,reports',
  }),
  ADMIN_USERNAME: Type.String({ minLength: 3, default: 'admin' }),
  ADMIN_EMAIL: Type.String({ format: 'email', default: 'admin@localhost.localdomain' }),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  BIN_BULK_MAX: Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000 }),
  IMPORT_ASYNC_ROWS: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 5_000 }),
  IMPORT_MAX_ROWS: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 200_000 }),
  IMPORT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 1_073_741_824, default: 52_428_800 }),
  PHONE_DEFAULT_REGION: Type.String({ pattern: '^[A-Z]{2}$', default: 'HU' }),
  RESERVATION_SWEEP_CRON: Type.String({ minLength: 9, default: '*/15 * * * *' }),
  SNAPSHOT_CRON: Type.String({ minLength: 9, default: '15 0 1 * *' }),
  SNAPSHOT_EVERY_MOVEMENTS: Type.Integer({ minimum: 0, maximum: 100_000_000, default: 50_000 }),
  SNAPSHOT_FILL_CRON: Type.String({ minLength: 9, default: '*/10 * * * *' }),
  REPORT_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 30 }),
  PAGE_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 1800, default: 300 }),
  RESERVATION_TTL_MINUTES: Type.Integer({ minimum: 1, default: 60 }),
  OVER_RECEIPT_TOLERANCE_PERCENT: Type.Number({ minimum: 0, maximum: 100, default: 0 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Raktar <no-reply@localhost.localdomain>' }),
  MAIL_RETRY_CRON: Type.String({ minLength: 9, default: '* * * * *' }),
  MAIL_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  ALERT_EXPIRY_DAYS: Type.Integer({ minimum: 0, maximum: 3650, default: 30 }),
  ALERT_EXPIRY_CRON: Type.String({ minLength: 9, default: '0 6 * * *' }),
  ALERT_LOW_STOCK_CRON: Type.String({ minLength: 9, default: '5 6 * * *' }),
  ALERT_LOW_STOCK_PER_WAREHOUSE: Type.Boolean({ default: false }),
  MONTHLY_REPORT_CRON: Type.String({ minLength: 9, default: '0 7 1 * *' }),
  DISPATCH_WAREHOUSE_CODE: Type.String({ minLength: 1, maxLength: 64, default: 'TRAYS' }),
  DISPATCH_TRAY_TYPES: Type.String({ pattern: '^[A-Za-z0-9]{1,8}(,[A-Za-z0-9]{1,8})*$', default: 'HQ,NQ' }),
  DISPATCH_TRAY_SKU_PREFIX: Type.String({ maxLength: 32, default: 'TRAY-' }),
  DISPATCH_QUARANTINE_BIN: Type.String({ minLength: 1, maxLength: 64, default: 'QUARANTINE' }),
  DISPATCH_OVERDUE_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 10 }),
  DEMO: Type.Boolean({ default: false }),
  BACKUP_DIR: Type.String({ minLength: 1, default: './backups' }),
  WEB_DIR: Type.String({ minLength: 1, default: './web/dist' }),
  BACKUP_KEEP: Type.Integer({ minimum: 1, maximum: 10_000, default: 7 }),
  BACKUP_CRON: Type.Optional(Type.String({ minLength: 9 })),
  BIOFLOC_WAREHOUSE_ID: Type.Optional(Type.String({ format: 'uuid' })),
  BIOFLOC_WATER_CHECK_CRON: Type.String({ minLength: 9, default: '20 * * * *' }),
});

type RawConfig = Static<typeof ConfigSchema>;

export interface Config {
  publicUrl: string;
  /** The built operator UI served at `/`; served only when it holds an index.html. */
  webDir: string;
  valkeyUrl: string | undefined;
  /** Namespace of every Valkey key, so deployments (or test runs) can share one server. */
  valkeyPrefix: string;
  /** Unset only on the embedded server, where main.ts keeps a generated one in DATA_DIR. */
  jwtSecret: string | undefined;
  accessTokenMinutes: number;
  /** How long a user row behind a bearer token is reused by other instances' caches (0 = never cached). */
  principalCacheSeconds: number;
  refreshTokenDays: number;
  passwordResetMinutes: number;
  loginMaxFailures: number;
  /** Failed logins one IP may make across all accounts in the window. */
  loginMaxFailuresPerIp: number;
  /** General API rate limit per caller and window, reads and writes apart; 0: none. */
  rateLimitReadMax: number;
  rateLimitWriteMax: number;
  rateLimitWindowSeconds: number;
  loginFailureWindowSeconds: number;
  allowRegistration: boolean;
  defaultRole: Role;
  defaultModules: string[];
  admin: { username: string; email: string; password: string | undefined };
  smtpUrl: string | undefined;
  mailFrom: string;
  /** When waiting and failed mail is (re)delivered, and how many attempts a message gets. */
  mailRetryCron: string;
  mailMaxAttempts: number;
  /** Expiry alerts cover lots expiring within this many days (and expired ones). */
  alertExpiryDays: number;
  /** When the daily expiry and low-stock alert checks run (cron, in TIMEZONE). */
  alertExpiryCron: string;
  alertLowStockCron: string;
  /** Low-stock alerts per warehouse holding the product instead of over all warehouses. */
  alertLowStockPerWarehouse: boolean;
  /** The warehouse biofloc tanks without one of their own take feed from and harvest into. */
  bioflocWarehouseId: string | null;
  /** When in-use tanks are checked for a water test in the last 24 h (cron, in TIMEZONE). */
  bioflocWaterCheckCron: string;
  /** When the monthly stock-on-hand and valuation workbook is mailed (cron, in TIMEZONE). */
  monthlyReportCron: string;
  /** Core trays: the warehouse they are kept in and its quarantine bin (created on first use). */
  dispatch: {
    warehouseCode: string;
    /** Tray types, upper-case (`HQ`, `NQ`); each is the product `skuPrefix` + type. */
    trayTypes: string[];
    skuPrefix: string;
    quarantineBin: string;
    /** A dispatch out longer than this many days is overdue. */
    overdueAfterDays: number;
  };
  /** Load the demo site at start-up when the database is empty. */
  demo: boolean;
  /** Where `raktar backup` and the scheduled backup write. */
  backupDir: string;
  /** How many backups the scheduled backup (and `raktar backup --keep`) keeps, newest first. */
  backupKeep: number;
  /** When the scheduled backup runs (cron, in TIMEZONE); unset: never. */
  backupCron: string | undefined;
  /** Most bins one bulk-generation request may create. */
  binBulkMax: number;
  /** Imports of more data rows than this run as a background job (202 and an import id). */
  importAsyncRows: number;
  /** Most data rows one import file may have. */
  importMaxRows: number;
  /** Largest import file accepted (413 above it). */
  importMaxBytes: number;
  /** Country assumed for phone numbers written without a +country code. */
  phoneDefaultRegion: string;
  /** When the job releasing expired reservations runs (cron, in TIMEZONE). */
  reservationSweepCron: string;
  /** When the monthly balance snapshot (cut at the start of the month) is taken. */
  snapshotCron: string;
  /** A busy ledger gets a snapshot every this many movements (or balances, if more); 0: off. */
  snapshotEveryMovements: number;
  /** When the job taking the snapshots a busy ledger is due runs. */
  snapshotFillCron: string;
  /** How long a dashboard is reused while nothing is posted (0 = computed on every request). */
  reportCacheSeconds: number;
  /**
   * How long a page of products, or of past balances, is remembered; it is reused only while
   * nothing it shows has changed since (checked against the database at each read), so this bounds
   * memory, not staleness. 0: every page read afresh.
   */
  pageCacheSeconds: number;
  /** Lifetime of a reservation made without expires_at or ttl_minutes. */
  reservationTtlMinutes: number;
  /** How far beyond the ordered quantity a purchase-order line may be received, in percent. */
  overReceiptTolerancePercent: number;
  env: RawConfig['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Port of the embedded server; unset: a free one is chosen at each start. */
  embeddedPgPort: number | undefined;
  dbPoolSize: number;
  /** The server itself, when DATABASE_URL is a transaction-mode pooler (for LISTEN and migrations). */
  databaseDirectUrl: string | undefined;
  /** Streaming replicas that list, report and export reads go to (empty: everything on the primary). */
  databaseReplicaUrls: string[];
  dbPreparedStatements: boolean;
  /** Group commit of single movements: requests per batch, and batches posted at once. */
  postingBatchMax: number;
  postingBatchesInFlight: number;
  logLevel: string;
  corsOrigins: string[] | '*';
  timezone: string;
  defaultLocale: 'en' | 'hu';
  bodyLimit: number;
  shutdownTimeoutMs: number;
  schedulerEnabled: boolean;
  trustProxy: boolean;
  /** Bearer token for /metrics; unset, only loopback callers may read it. */
  metricsToken: string | undefined;
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
  if (raw.DATABASE_URL && !raw.JWT_SECRET) {
    throw new ConfigError(
      'Missing setting JWT_SECRET: required with DATABASE_URL (all instances must share it)',
    );
  }
  if (!isValidTimezone(raw.TIMEZONE)) {
    throw new ConfigError(`Invalid setting TIMEZONE=${JSON.stringify(raw.TIMEZONE)}: unknown IANA time zone`);
  }
  return {
    env: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL || undefined,
    embeddedPgPort: raw.EMBEDDED_PG_PORT,
    dbPoolSize: raw.DB_POOL_SIZE,
    databaseDirectUrl: raw.DATABASE_DIRECT_URL || undefined,
    databaseReplicaUrls: (raw.DATABASE_REPLICA_URLS ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
    dbPreparedStatements: raw.DB_PREPARED_STATEMENTS,
    postingBatchMax: raw.POSTING_BATCH_MAX,
    postingBatchesInFlight: raw.POSTING_BATCHES_IN_FLIGHT,
    logLevel: raw.LOG_LEVEL,
    corsOrigins: parseOrigins(raw.CORS_ORIGINS),
    timezone: raw.TIMEZONE,
    defaultLocale: raw.DEFAULT_LOCALE,
    bodyLimit: raw.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    schedulerEnabled: raw.SCHEDULER_ENABLED,
    trustProxy: raw.TRUST_PROXY,
    metricsToken: raw.METRICS_TOKEN,
    publicUrl: raw.PUBLIC_URL ?? `http://${raw.HOST}:${raw.PORT}`,
    webDir: path.resolve(raw.WEB_DIR),
    valkeyUrl: raw.VALKEY_URL,
    valkeyPrefix: raw.VALKEY_PREFIX,
    jwtSecret: raw.JWT_SECRET,
    accessTokenMinutes: raw.ACCESS_TOKEN_EXPIRE_MINUTES,
    principalCacheSeconds: raw.PRINCIPAL_CACHE_SECONDS,
    refreshTokenDays: raw.REFRESH_TOKEN_EXPIRE_DAYS,
    passwordResetMinutes: raw.PASSWORD_RESET_EXPIRE_MINUTES,
    loginMaxFailures: raw.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerIp: raw.LOGIN_MAX_FAILURES_PER_IP,
    rateLimitReadMax: raw.RATE_LIMIT_READ_MAX,
    rateLimitWriteMax: raw.RATE_LIMIT_WRITE_MAX,
    rateLimitWindowSeconds: raw.RATE_LIMIT_WINDOW_SECONDS,
    loginFailureWindowSeconds: raw.LOGIN_FAILURE_WINDOW_SECONDS,
    allowRegistration: raw.ALLOW_REGISTRATION,
    defaultRole: canonicalRole(raw.DEFAULT_ROLE),
    defaultModules: raw.DEFAULT_MODULES.split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    admin: { username: raw.ADMIN_USERNAME, email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD },
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    mailRetryCron: raw.MAIL_RETRY_CRON,
    mailMaxAttempts: raw.MAIL_MAX_ATTEMPTS,
    alertExpiryDays: raw.ALERT_EXPIRY_DAYS,
    alertExpiryCron: raw.ALERT_EXPIRY_CRON,
    alertLowStockCron: raw.ALERT_LOW_STOCK_CRON,
    alertLowStockPerWarehouse: raw.ALERT_LOW_STOCK_PER_WAREHOUSE,
    bioflocWarehouseId: raw.BIOFLOC_WAREHOUSE_ID ?? null,
    bioflocWaterCheckCron: raw.BIOFLOC_WATER_CHECK_CRON,
    monthlyReportCron: raw.MONTHLY_REPORT_CRON,
    dispatch: {
      warehouseCode: raw.DISPATCH_WAREHOUSE_CODE,
      trayTypes: [...new Set(raw.DISPATCH_TRAY_TYPES.split(',').map((type) => type.toUpperCase()))],
      skuPrefix: raw.DISPATCH_TRAY_SKU_PREFIX,
      quarantineBin: raw.DISPATCH_QUARANTINE_BIN,
      overdueAfterDays: raw.DISPATCH_OVERDUE_DAYS,
    },
    demo: raw.DEMO,
    backupDir: path.resolve(raw.BACKUP_DIR),
    backupKeep: raw.BACKUP_KEEP,
    backupCron: raw.BACKUP_CRON || undefined,
    binBulkMax: raw.BIN_BULK_MAX,
    importAsyncRows: raw.IMPORT_ASYNC_ROWS,
    importMaxRows: raw.IMPORT_MAX_ROWS,
    importMaxBytes: raw.IMPORT_MAX_BYTES,
    phoneDefaultRegion: raw.PHONE_DEFAULT_REGION,
    reservationSweepCron: raw.RESERVATION_SWEEP_CRON,
    snapshotCron: raw.SNAPSHOT_CRON,
    snapshotEveryMovements: raw.SNAPSHOT_EVERY_MOVEMENTS,
    snapshotFillCron: raw.SNAPSHOT_FILL_CRON,
    reportCacheSeconds: raw.REPORT_CACHE_SECONDS,
    pageCacheSeconds: raw.PAGE_CACHE_SECONDS,
    reservationTtlMinutes: raw.RESERVATION_TTL_MINUTES,
    overReceiptTolerancePercent: raw.OVER_RECEIPT_TOLERANCE_PERCENT,
    ...overrides,
  };
}

/** Loads `.env` from the working directory into process.env (real environment variables win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
