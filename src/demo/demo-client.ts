import type { FastifyInstance } from 'fastify';

/** A request the demo made that the API refused: the demo is broken, not the data. */
export class DemoRequestError extends Error {}

/** The HTTP API in-process, as an administrator: every demo record is made the way a client makes it. */
export class DemoClient {
  requests = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly token: string,
  ) {}

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body?: object,
  ): Promise<T> {
    this.requests += 1;
    const res = await this.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${this.token}` },
      ...(body ? { payload: body } : {}),
    });
    if (res.statusCode >= 300) {
      throw new DemoRequestError(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
    return res.json() as T;
  }

  get<T = Record<string, unknown>>(url: string): Promise<T> {
    return this.call<T>('GET', url);
  }

  post<T = Record<string, unknown>>(url: string, body: object = {}): Promise<T> {
    return this.call<T>('POST', url, body);
  }
}

/** A small seeded generator (mulberry32): the same demo site on every run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A whole number from `min` to `max`, both included. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** `today` moved by `days`, as YYYY-MM-DD. */
export function dayOffset(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** An EAN-13 from its first twelve digits, with the check digit. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}
