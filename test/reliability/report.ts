import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `vitest --mode reliability` (npm run test:reliability) sets MODE: the full runs, with figures. */
export const FULL = process.env.MODE === 'reliability';

/**
 * Merges `figures` under `section` into bench/results/<file>.json, with the time of the run. Only
 * the full runs write: the short ones in `npm test` leave the recorded figures alone.
 */
export function recordFigures(file: string, section: string, figures: object): void {
  if (!FULL) return;
  const report = path.resolve(import.meta.dirname, `../../bench/results/${file}.json`);
  mkdirSync(path.dirname(report), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    // the first section of this file
  }
  all[section] = { at: new Date().toISOString(), ...figures };
  writeFileSync(report, `${JSON.stringify(all, null, 2)}\n`);
}
