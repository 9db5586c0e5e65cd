// Builds the web UI before `npm start` when web/dist is missing or older than its sources, so a
// fresh clone serves the UI after `npm install && npm start`; otherwise it costs one directory walk.
import { existsSync, readdirSync, statSync } from 'node:fs';
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
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    // An install without devDependencies: the API still starts, without the UI.
    console.warn('raktar: web UI not built (vite is not installed: run `npm install`); serving the API only');
    process.exit(0);
  }
  const started = performance.now();
  console.log('raktar: building the web UI…');
  await vite.build({ root: web, configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`raktar: web UI built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
