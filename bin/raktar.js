#!/usr/bin/env node
// `raktar` as npm installs it: the TypeScript source through tsx where both are present (a
// development checkout), the compiled `dist/` otherwise (a production install without tsx).
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/raktar.ts', import.meta.url);
const compiled = new URL('../dist/cli/raktar.js', import.meta.url);

async function tsxLoader() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return undefined;
  }
}

const tsx = existsSync(source) ? await tsxLoader() : undefined;
if (tsx) {
  tsx.register();
  await import(source.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  console.error('raktar: neither dist/ (run `npm run build`) nor tsx for the source is installed');
  process.exit(1);
}
