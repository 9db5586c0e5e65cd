// Builds the web UI before `npm start` when web/dist is missing or older than its sources, so a
// fresh clone serves the UI after `npm install && npm start`; otherwise it costs one directory walk.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts']
  .map((name) => path.join(web, name))
  .filter((name) => existsSync(name));
const isStale = () => !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;

/**
 * Runs `build` holding web/.build-lock. Callers at the same moment (test files that each start
 * the UI, in parallel) build once: the others wait, then find the build fresh, rather than
 * emptying web/dist under a server that serves it. A lock older than five minutes was left by a
 * build that was killed, and is taken over.
 */
async function locked(build) {
  const lock = path.join(web, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // Gone between the two calls: the next round takes it.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 300_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (isStale()) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    // An install without devDependencies: the API still starts, without the UI.
    console.warn('raktar: web UI not built (vite is not installed: run `npm install`); serving the API only');
    process.exit(0);
  }
  await locked(async () => {
    if (!isStale()) return;
    const started = performance.now();
    console.log('raktar: building the web UI…');
    await vite.build({ root: web, configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
    console.log(`raktar: web UI built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}
