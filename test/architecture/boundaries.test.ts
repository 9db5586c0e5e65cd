import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules/@biomejs/biome/bin/biome');

/**
 * The module-boundary lint rule, run by the project's own biome.json on files written into a
 * scratch tree of the same layout: each case is one import in one file.
 */
describe('module boundaries (lint)', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'raktar-boundaries-'));
    const config = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8'));
    delete config.$schema;
    config.vcs = { enabled: false };
    writeFileSync(path.join(scratch, 'biome.json'), JSON.stringify(config));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function lint(file: string, from: string): { ok: boolean; output: string } {
    const full = path.join(scratch, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, `import { a } from '${from}';\n\nexport const b = a;\n`);
    const run = spawnSync(process.execPath, [biome, 'lint', file], { cwd: scratch, encoding: 'utf8' });
    rmSync(full);
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  }

  it.each([
    ['src/modules/sales/x.ts', '../stock/ledger.repo.js'],
    ['src/modules/sales/x.ts', '../stock/stock.tables.js'],
    ['src/modules/sales/x.ts', '../stock/stock.mapper.js'],
    ['src/modules/sales/x.ts', '../stock/stock.service.js'],
    ['src/modules/sales/x.tables.ts', '../stock/stock.mapper.js'],
    ['src/platform/x.ts', '../modules/stock/index.js'],
    ['src/db/x.ts', '../modules/catalog/index.js'],
    ['src/db/embedded/x.ts', '../../modules/catalog/index.js'],
    ['src/app.ts', './modules/identity/users.service.js'],
    ['src/cli/x.ts', '../modules/identity/users.service.js'],
  ])('refuses %s importing %s', (file, from) => {
    const result = lint(file, from);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('noRestrictedImports');
  });

  it.each([
    ['src/modules/sales/x.ts', '../stock/index.js'],
    ['src/modules/sales/x.ts', './sales.repo.js'],
    ['src/modules/sales/x.ts', '../../platform/errors.js'],
    ['src/modules/sales/x.ts', '../../db/client.js'],
    ['src/modules/sales/x.ts', '../../config.js'],
    ['src/modules/sales/x.tables.ts', '../catalog/catalog.tables.js'],
    ['src/platform/x.ts', './errors.js'],
    ['src/app.ts', './modules/identity/index.js'],
    ['src/cli/x.ts', '../modules/identity/index.js'],
  ])('allows %s importing %s', (file, from) => {
    expect(lint(file, from)).toMatchObject({ ok: true });
  });

  it('gives every module a public surface', () => {
    const modules = readdirSync(path.join(root, 'src/modules'));
    expect(modules.length).toBeGreaterThan(5);
    for (const name of modules)
      expect(existsSync(path.join(root, 'src/modules', name, 'index.ts'))).toBe(true);
  });
});
