import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { debianBinary } from './debian.js';

const root = path.resolve(import.meta.dirname, '../..');
export const WEB_DIST = path.join(root, 'web', 'dist');
export const SCREENSHOTS = path.join(root, 'web', 'test-results');

/** Builds the UI when web/dist is missing or older than its sources (what `npm start` does). */
export function ensureWebBuild(): void {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-web-build.mjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`web build failed:\n${run.stdout}\n${run.stderr}`);
}

/**
 * Debian's Chromium, headless, installed with apt when missing; playwright-core starts it on a
 * fresh temporary profile of its own every launch.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: debianBinary('/usr/bin/chromium', 'chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Screenshots of the page at desktop and phone width, under web/test-results/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1920, height: 1080 };
  for (const [label, width, height] of [
    ['1920', 1920, 1080],
    ['360', 360, 780],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core's serious and critical WCAG 2 A/AA violations on the page as it is now, and again at a
 * phone's 360 px (marked so), where wide tables scroll and the menu folds away.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const wide = await axeViolations(page);
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 360, height: 780 });
  try {
    // The tables that now overflow have taken their tab stop (set once their size is observed).
    await page
      .waitForFunction(
        () => {
          // In the page (this file is typed for Node): the scrolling wrappers that overflow.
          type Wrapper = {
            scrollWidth: number;
            clientWidth: number;
            hasAttribute: (name: string) => boolean;
          };
          const { document } = globalThis as unknown as {
            document: { querySelectorAll: (selector: string) => Iterable<Wrapper> };
          };
          return [...document.querySelectorAll('div.overflow-x-auto')]
            .filter((el) => el.scrollWidth > el.clientWidth + 1)
            .every((el) => el.hasAttribute('tabindex'));
        },
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => {});
    const phone = await axeViolations(page);
    return [...wide, ...phone.map((v) => `${v} (360 px)`)];
  } finally {
    await page.setViewportSize(size);
  }
}

async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // In the page: axe and the document are its globals (this file is typed for Node).
    const { axe, document } = globalThis as unknown as {
      axe: { run: (ctx: unknown, options: unknown) => Promise<AxeResult> };
      document: unknown;
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
