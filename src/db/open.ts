import type { Config } from '../config.js';
import { type Database, openPostgres } from './client.js';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
import { EmbeddedPostgres, runningServerUrl } from './embedded/server.js';
import { hasLegacyData, legacyDir } from './legacy-pglite.js';
import { ReadReplicas } from './read-replicas.js';

/** DATA_DIR holds data of the earlier embedded engine; start-up stops and changes nothing. */
export class LegacyDataDirError extends Error {}

function refuseLegacyDataDir(dataDir: string): void {
  if (!hasLegacyData(dataDir)) return;
  throw new LegacyDataDirError(
    `DATA_DIR ${dataDir} holds a database of the earlier embedded engine (PGlite, in ${legacyDir(dataDir)}), which ` +
      'this version no longer runs; nothing was changed. Copy its data to the embedded PostgreSQL server ' +
      'with `npm run migrate-embedded`, or point DATA_DIR at a new folder.',
  );
}

export interface OpenOptions {
  /** Start-up events of the embedded server worth a log line. */
  log?: (message: string) => void;
  /**
   * For command-line tools: when a running Raktar owns DATA_DIR, connect to its embedded server
   * instead of refusing (the server stays that process's to stop).
   */
  attach?: boolean;
  /** For `migrate-embedded` only: open the embedded server beside an old PGlite folder. */
  ignoreLegacy?: boolean;
}

/**
 * Opens the configured database: the server named by DATABASE_URL, or else the embedded
 * PostgreSQL server in DATA_DIR, started here (the data directory locked to this process) and
 * stopped by `close()` after the pool.
 */
export async function openConfiguredDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl, config.dbPoolSize, config.databaseDirectUrl);
    return config.databaseReplicaUrls.length > 0
      ? withReplicas(database, new ReadReplicas(config.databaseReplicaUrls, config.dbPoolSize))
      : database;
  }
  if (!options.ignoreLegacy) refuseLegacyDataDir(config.dataDir);
  let unlock: () => Promise<void>;
  try {
    unlock = await lockDataDir(config.dataDir);
  } catch (error) {
    const running = options.attach && error instanceof DataDirInUseError && runningServerUrl(config.dataDir);
    if (!running) throw error;
    return openPostgres(running, 2);
  }
  const server = new EmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const { url, info } = await server.start();
    const database = await openPostgres(url, config.dbPoolSize);
    return {
      ...database,
      embedded: info,
      async close() {
        try {
          await database.close();
        } finally {
          await server.stop();
          await unlock();
        }
      },
    };
  } catch (error) {
    await server.stop();
    await unlock();
    throw error;
  }
}

/** The database with its read replicas, closed together. */
export function withReplicas(database: Database, replicas: ReadReplicas): Database {
  return {
    ...database,
    replicas,
    async close() {
      try {
        await database.close();
      } finally {
        await replicas.close();
      }
    },
  };
}
