// Runs the vitest suite and closes with a plain `Tests: N passed, N failed` line that CI can read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = '.test-results.json';
rmSync(report, { force: true });
const args = [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });

if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  // A file that fails to load has no failed tests but must still count as a failure.
  const failed = results.numFailedTests || (run.status === 0 ? 0 : Math.max(1, results.numFailedTestSuites));
  console.log(`Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
}
process.exit(run.status ?? 1);
