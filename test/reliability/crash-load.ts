// The write load of the crash suite: clients posting keyed stock movements and keyed receipt
// documents against a server until it dies under them, then the checks after its restart.

export type Target = 'embedded' | 'server';

export interface CrashCounts {
  /** Keyed writes sent, over all lives of the server. */
  keys_sent: number;
  /** Writes answered 201 before a kill. */
  acknowledged: number;
  /** Acknowledged writes whose movements are missing after the restart. */
  lost: number;
  /** Retries of every key after the last restart, answered from the stored answer. */
  retries_replayed: number;
  /** Retries that ran fresh: their first attempt left nothing behind. */
  retries_fresh: number;
  /** Retries answered 409 (a key stuck in progress). */
  retry_conflicts: number;
  /** Retries answered anything else but 201. */
  retry_failures: number;
  /** Ledger rows beyond one posting per key (a key posted twice). */
  posted_twice: number;
  /** Keys with no posting even after their retry. */
  unposted: number;
  verify_ok: boolean;
}

type Kind = 'movement' | 'document';

interface Sent {
  kind: Kind;
  key: string;
  /** The movement ids of the 201 answer, when one came before the kill. */
  acknowledged?: string[];
}

interface Answer {
  status: number;
  replayed: boolean;
  body: Record<string, unknown> | null;
}

/** The ids of the movements a 201 answer reports. */
function movementIds(kind: Kind, body: Record<string, unknown> | null): string[] {
  if (kind === 'movement') return [String(body?.id)];
  return ((body?.movements as { id: string }[] | undefined) ?? []).map((m) => m.id);
}

export class WriteLoad {
  private base = '';
  private token = '';
  private warehouseId = '';
  private productIds: Record<Kind, string> = { movement: '', document: '' };
  private readonly sent: Sent[] = [];
  private stopped = false;
  private clients: Promise<void>[] = [];

  constructor(private readonly password: string) {}

  private async call(method: string, url: string, body?: unknown, key?: string): Promise<Answer> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      replayed: res.headers.get('idempotent-replayed') === 'true',
      body: (await res.json().catch(() => null)) as Record<string, unknown> | null,
    };
  }

  /** Signs in on a (re)started server; the first time, creates the warehouse and products. */
  async connect(base: string): Promise<void> {
    this.base = base;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: this.password }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    this.token = ((await login.json()) as { access_token: string }).access_token;
    if (this.warehouseId) return;
    const wh = await this.call('POST', '/warehouses', { code: 'CRASH', name: 'Crash test' });
    const a = await this.call('POST', '/products', { sku: 'CRASH-MOVE', name: 'Moved one by one' });
    const b = await this.call('POST', '/products', { sku: 'CRASH-DOC', name: 'Received by document' });
    if ([wh.status, a.status, b.status].some((s) => s !== 201)) throw new Error('crash setup failed');
    this.warehouseId = String(wh.body?.id);
    this.productIds = { movement: String(a.body?.id), document: String(b.body?.id) };
  }

  private request(kind: Kind): { url: string; body: object } {
    if (kind === 'movement') {
      return {
        url: '/stock-movements',
        body: {
          product_id: this.productIds.movement,
          warehouse_id: this.warehouseId,
          movement_type: 'receipt',
          quantity: 1,
        },
      };
    }
    return {
      url: '/inventory/receipts',
      body: {
        warehouse_id: this.warehouseId,
        lines: [{ product_id: this.productIds.document, quantity: 1 }],
      },
    };
  }

  private async client(kind: Kind): Promise<void> {
    while (!this.stopped) {
      const sent: Sent = { kind, key: `crash-${kind}-${this.sent.length}` };
      this.sent.push(sent);
      const { url, body } = this.request(kind);
      try {
        const res = await this.call('POST', url, body, sent.key);
        if (res.status === 201) sent.acknowledged = movementIds(kind, res.body);
      } catch {
        return; // the connection died with the process
      }
    }
  }

  /** Six clients post movements and two post documents until `count` more are acknowledged (or `dead()`). */
  async runUntil(count: number, dead: () => boolean): Promise<void> {
    const target = this.acknowledged().length + count;
    this.stopped = false;
    const kinds: Kind[] = [
      'movement',
      'movement',
      'movement',
      'document',
      'movement',
      'movement',
      'movement',
      'document',
    ];
    this.clients = kinds.map((kind) => this.client(kind));
    while (this.acknowledged().length < target && !dead()) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops the clients (once the server is dead, their requests fail at once). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.clients);
  }

  private acknowledged(): Sent[] {
    return this.sent.filter((s) => s.acknowledged);
  }

  private async total(kind: Kind): Promise<number> {
    const list = await this.call('GET', `/stock-movements?product_id=${this.productIds[kind]}&page_size=1`);
    return Number(list.body?.total);
  }

  /** After the last restart: every acknowledged write is there, and every key is retried. */
  async check(): Promise<CrashCounts> {
    const counts: CrashCounts = {
      keys_sent: this.sent.length,
      acknowledged: this.acknowledged().length,
      lost: 0,
      retries_replayed: 0,
      retries_fresh: 0,
      retry_conflicts: 0,
      retry_failures: 0,
      posted_twice: 0,
      unposted: 0,
      verify_ok: false,
    };
    const ids = this.acknowledged().flatMap((s) => s.acknowledged ?? []);
    for (let i = 0; i < ids.length; i += 50) {
      const found = await Promise.all(
        ids.slice(i, i + 50).map((id) => this.call('GET', `/stock-movements/${id}`)),
      );
      counts.lost += found.filter((res) => res.status !== 200).length;
    }
    // A request that posted (answered or not before the kill) replays its stored answer; one that
    // did not posts now. A posting without its stored answer would post twice; an answer without
    // its posting would replay movements that are not there.
    for (let i = 0; i < this.sent.length; i += 50) {
      const batch = this.sent.slice(i, i + 50);
      const retries = await Promise.all(
        batch.map((s) => {
          const { url, body } = this.request(s.kind);
          return this.call('POST', url, body, s.key);
        }),
      );
      retries.forEach((res, j) => {
        const sent = batch[j] as Sent;
        if (res.status === 409) counts.retry_conflicts++;
        else if (res.status !== 201) counts.retry_failures++;
        else if (!res.replayed) counts.retries_fresh++;
        else counts.retries_replayed++;
        if (sent.acknowledged && movementIds(sent.kind, res.body).join() !== sent.acknowledged.join()) {
          counts.lost++;
        }
      });
    }
    for (const kind of ['movement', 'document'] as const) {
      const keys = this.sent.filter((s) => s.kind === kind).length;
      const rows = await this.total(kind);
      counts.posted_twice += Math.max(0, rows - keys);
      counts.unposted += Math.max(0, keys - rows);
    }
    const verify = await this.call('GET', '/inventory/verify');
    counts.verify_ok = verify.body?.ok === true && (verify.body.mismatches as unknown[]).length === 0;
    return counts;
  }
}
