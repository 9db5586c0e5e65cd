// No container engine runs here, so the container files are checked for what can be checked
// without one: the Dockerfile's stages, user and health check, and that compose.yaml parses and
// names only files and settings that exist.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Stage {
  name: string;
  base: string;
  lines: string[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined). */
function dockerStages(text: string): Stage[] {
  const instructions = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ base: from[1] as string, name: from[2] ?? String(stages.length), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** The settings .env.example documents: the only names the service reads. */
const SETTINGS = new Set(
  [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1] as string),
);

describe('the Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const runtime = stages.at(-1) as Stage;

  it('builds in stages and ships compiled JavaScript with production dependencies only', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'deps', 'runtime']);
    for (const stage of stages) expect(stage.base).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim$/);
    const build = stages[0] as Stage;
    expect(build.lines).toContain('RUN npm ci --no-audit --no-fund');
    expect(build.lines).toContain('RUN npm run build');
    expect((stages[1] as Stage).lines.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(runtime.lines).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(runtime.lines).toContain('COPY --from=build /app/dist ./dist');
    // No tsx at run time: the command is the compiled entry point, and tsx is a development tool.
    // The heap cap npm start runs with (exports' garbage collected early; README, Exports).
    expect(runtime.lines.at(-1)).toBe('CMD ["node", "--max-old-space-size=512", "dist/main.js"]');
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(pkg.main).toBe('dist/main.js');
  });

  it('runs as a regular user and checks /health', () => {
    const users = runtime.lines.filter((line) => line.startsWith('USER '));
    expect(users).toEqual(['USER node']);
    const healthcheck = runtime.lines.find((line) => line.startsWith('HEALTHCHECK ')) ?? '';
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/health.*"\]/);
    expect(healthcheck).toMatch(/--start-period=\d+s/);
  });

  it('copies only what exists and what .dockerignore lets in', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean);
    for (const entry of ['node_modules', 'dist', 'data', '.git', '.env']) expect(ignored).toContain(entry);
    const copies = stages.flatMap((stage) => stage.lines.filter((line) => /^COPY (?!--from)/.test(line)));
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) {
      const sources = copy.split(/\s+/).slice(1, -1);
      for (const source of sources) {
        expect(existsSync(path.join(root, source)), source).toBe(true);
        expect(ignored, source).not.toContain(source);
      }
    }
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, Record<string, unknown>>;
    volumes: Record<string, unknown>;
  };
  const { services } = compose;

  it('runs the API twice behind a load balancer, on PostgreSQL 17, Valkey 8 and a mail catcher', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'lb', 'mail', 'postgres', 'valkey']);
    expect(services.api?.build).toBe('.');
    expect(services.api?.deploy).toEqual({ replicas: 2 });
    expect(services.postgres?.image).toBe('postgres:17');
    expect(services.valkey?.image).toBe('valkey/valkey:8');
    expect(services.mail?.image).toMatch(/^axllent\/mailpit:/);
    expect(services.lb?.image).toMatch(/^nginx:/);
    expect(services.lb?.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(services.lb?.ports).toEqual(['8080:80']);
  });

  it('gives the API only settings the service reads, pointing at the other services', () => {
    const env = services.api?.environment as Record<string, string>;
    for (const name of Object.keys(env)) expect(SETTINGS.has(name), name).toBe(true);
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\/raktar$/);
    expect(env.VALKEY_URL).toBe('redis://valkey:6379');
    expect(env.SMTP_URL).toBe('smtp://mail:1025');
    expect(env.TRUST_PROXY).toBe('true');
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    const depends = services.api?.depends_on as Record<string, unknown>;
    expect(Object.keys(depends).sort()).toEqual(['mail', 'postgres', 'valkey']);
  });

  it('names only files that exist and volumes it declares', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of (service.volumes as string[] | undefined) ?? []) {
        const [source] = volume.split(':') as [string];
        if (source.startsWith('.') || source.startsWith('/')) {
          expect(existsSync(path.join(root, source)), `${name}: ${source}`).toBe(true);
        } else {
          expect(Object.keys(compose.volumes), `${name}: ${source}`).toContain(source);
        }
      }
    }
    expect(existsSync(path.join(root, services.api?.build as string, 'Dockerfile'))).toBe(true);
    // The load balancer sends to the API's port.
    expect(read('deploy/nginx.conf')).toMatch(/server api:8000\b/);
    expect(read('deploy/nginx.conf')).toMatch(/proxy_pass http:\/\/raktar_api;/);
  });
});
