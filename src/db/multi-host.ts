import pg from 'pg';
import { isReadOnlyServerError } from './errors.js';

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(.*)$/;

/**
 * The single-host connection strings of a multi-host URL (`postgres://u@h1:5432,h2:5433/db`), in
 * order; one string for an ordinary URL. `target_session_attrs` is dropped: node-postgres does not
 * know it, and a pool over several hosts (below) always looks for the writable one.
 */
export function hostUrls(url: string): string[] {
  const match = URL_PARTS.exec(url);
  if (!match) return [url];
  const [, scheme, user = '', hosts = '', rest = ''] = match;
  const list = hosts.split(',').filter(Boolean);
  if (list.length < 2) return [url];
  const [path, query = ''] = rest.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.delete('target_session_attrs');
  const kept = params.toString();
  return list.map((host) => `${scheme}${user}${host}${path}${kept ? `?${kept}` : ''}`);
}

/** Whether the server at `url` takes writes: not a standby, not read-only by default. */
async function writable(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    const { rows } = await probe.query<{ writable: boolean }>(
      "select not pg_is_in_recovery() and current_setting('transaction_read_only') = 'off' as writable",
    );
    return rows[0]?.writable === true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => {});
  }
}

/**
 * node-postgres has no multi-host connection strings (libpq's `host1,host2` with
 * `target_session_attrs=read-write`); this is the part of them a failover needs. The primary's
 * URL is remembered; a connection that fails, or lands on a server that no longer takes writes,
 * forgets it, and the next connection asks each host in turn.
 */
export class PrimaryFinder {
  private primary: string | undefined;
  private finding: Promise<string> | undefined;

  constructor(private readonly urls: string[]) {}

  /** The URL of the writable server, probing the hosts when it is not known. */
  find(): Promise<string> {
    if (this.primary) return Promise.resolve(this.primary);
    this.finding ??= (async () => {
      try {
        for (const url of this.urls) {
          if (await writable(url)) {
            this.primary = url;
            return url;
          }
        }
        // Worded for isConnectionError: no primary yet is an outage to retry, as a refused connection is.
        throw new Error(`no writable server among ${this.urls.length} hosts`);
      } finally {
        this.finding = undefined;
      }
    })();
    return this.finding;
  }

  forget(url: string): void {
    if (this.primary === url) this.primary = undefined;
  }
}

/**
 * A pool client class whose connections go to the current primary of `finder`. A client whose
 * server refuses a write ends itself, so the pool drops it and opens the next one on the primary.
 */
export function primaryClient(finder: PrimaryFinder): typeof pg.Client {
  return class PrimaryClient extends pg.Client {
    private target: string | undefined;

    // biome-ignore lint/suspicious/noExplicitAny: node-postgres' own overloads (callback or promise)
    override connect(callback?: (error: any, client?: any) => void): any {
      const connected = this.connectToPrimary();
      if (!callback) return connected;
      connected.then(() => callback(null, this), callback);
      return undefined;
    }

    private async connectToPrimary(): Promise<void> {
      const url = await finder.find();
      this.target = url;
      const { host, port } = new pg.Client({ connectionString: url });
      this.host = host;
      this.port = port;
      try {
        await super.connect();
      } catch (error) {
        finder.forget(url);
        throw error;
      }
    }

    // biome-ignore lint/suspicious/noExplicitAny: passes node-postgres' overloads through unchanged
    override query(...args: any[]): any {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const result = (super.query as any)(...args);
      if (result && typeof result.then === 'function')
        result.then(undefined, (error: unknown) => {
          if (!isReadOnlyServerError(error) || !this.target) return;
          finder.forget(this.target);
          void this.end().catch(() => {});
        });
      return result;
    }
  };
}
