// Sends generated requests one at a time and keeps the figures of a fuzz run: statuses, 5xx answers
// with their cause, and refused writes that changed a table.
import { appendFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import type { TestApp } from '../helpers/test-app.js';
import { changedTables, type DbFingerprint } from './db-fingerprint.js';
import { answerKind, type Callers, type IdPools, toInject } from './fuzz-client.js';
import { type RequestPlan, WRITE_METHODS } from './openapi-requests.js';

export interface LoggedError {
  type?: string;
  message?: string;
  stack?: string;
}

/** A 5xx whose cause is known and reported, matched by the logged error and `METHOD /path url body`. */
export interface KnownDefect {
  name: string;
  matches: (err: LoggedError, request: string) => boolean;
}

export interface Finding {
  route: string;
  status: number;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  cause?: string;
}

export interface FuzzRunOptions {
  t: TestApp;
  pools: IdPools;
  callers: Callers;
  fingerprint: DbFingerprint;
  known: KnownDefect[];
  /** Tables a refused write may change because recording the refusal is its purpose. */
  recordsRefusalIn: (route: string, headers: Record<string, string>) => string[];
  /** A JSON-lines file receiving every request and answer (FUZZ_DEBUG). */
  debugFile?: string;
}

const shorten = (text: string) =>
  text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class FuzzRun {
  requests = 0;
  writes = 0;
  writesRefused = 0;
  /** Refused writes whose only change was one their route records on purpose. */
  refusalsRecorded = 0;
  readonly byStatus: Record<string, number> = {};
  readonly byStyle: Record<string, number> = {};
  readonly knownServerErrors: Record<string, number> = {};
  readonly serverErrors: Finding[] = [];
  readonly refusedWritesThatChanged: (Finding & { changed: string[] })[] = [];

  constructor(private readonly options: FuzzRunOptions) {}

  /** Sends one planned request and records what it answered (always true: the figures decide). */
  async send(plan: RequestPlan): Promise<boolean> {
    const { t, pools, callers, fingerprint } = this.options;
    const request = toInject(plan, pools, callers);
    const route = `${plan.op.method} ${plan.op.path}`;
    const write = WRITE_METHODS.includes(plan.op.method);
    const before = write ? await fingerprint.take() : undefined;
    const res = await t.app.inject(request);
    this.requests += 1;
    this.byStatus[res.statusCode] = (this.byStatus[res.statusCode] ?? 0) + 1;
    this.byStyle[plan.style] = (this.byStyle[plan.style] ?? 0) + 1;
    if (write) this.writes += 1;
    const { authorization: _token, ...headers } = request.headers as Record<string, string>;
    const finding = () => this.finding(route, res.statusCode, request, headers);
    if (res.statusCode >= 500) {
      const cause = this.causeOf(String(safeJson(res.body)?.request_id ?? res.headers['x-request-id']));
      const known = this.options.known.find((d) =>
        d.matches(cause, `${route} ${request.url} ${request.payload ?? ''}`),
      );
      if (known) this.knownServerErrors[known.name] = (this.knownServerErrors[known.name] ?? 0) + 1;
      else this.serverErrors.push({ ...finding(), cause: cause.summary });
    }
    if (before && res.statusCode >= 400 && res.statusCode < 500) {
      this.writesRefused += 1;
      const allowed = this.options.recordsRefusalIn(route, headers);
      const changed = changedTables(before, await fingerprint.take());
      const unexpected = changed.filter((c) => !allowed.includes(c.split(' ')[0] as string));
      if (unexpected.length) this.refusedWritesThatChanged.push({ ...finding(), changed: unexpected });
      else if (changed.length) this.refusalsRecorded += 1;
    }
    if (this.options.debugFile) {
      const line = { style: plan.style, caller: plan.caller, ...finding(), answer: res.body.slice(0, 400) };
      appendFileSync(this.options.debugFile, `${JSON.stringify(line)}\n`);
    }
    if (res.statusCode < 300) pools.harvest(answerKind(plan.op.path), safeJson(res.body));
    return true;
  }

  get knownServerErrorCount(): number {
    return Object.values(this.knownServerErrors).reduce((a, b) => a + b, 0);
  }

  private finding(
    route: string,
    status: number,
    request: InjectOptions & { url: string },
    headers: Record<string, string>,
  ) {
    const body = String(request.payload ?? '');
    return {
      route,
      status,
      request: { method: String(request.method), url: shorten(request.url), headers, body: shorten(body) },
    };
  }

  /** What the app logged for a failed request: the error, its database cause, where in src/ it was thrown. */
  private causeOf(requestId: string): LoggedError & { summary: string } {
    const line = this.options.t.logs.find((l) => l.request_id === requestId && l.err);
    const err = (line?.err ?? {}) as LoggedError;
    const stack = err.stack ?? '';
    const causedBy = /caused by: (.*)/.exec(stack)?.[1];
    const where = stack
      .split('\n')
      .filter((frame) => frame.includes('/src/'))
      .slice(0, 3)
      .map((frame) =>
        frame
          .trim()
          .replace(/^at /, '')
          .replace(/\(.*\/src\//, '(src/'),
      );
    const message = (err.message ?? '').split('\n')[0]?.slice(0, 120);
    return {
      ...err,
      summary: `${err.type}: ${causedBy ?? message} at ${where.join(' < ') || 'no src frame'}`,
    };
  }
}
