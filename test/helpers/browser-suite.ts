// The setup every browser test file shares: a real server process serving the built UI on a fresh
// clone of the suite's database, Debian's Chromium, and pages on contexts closed after the file.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ADMIN_PASSWORD, type ApiServer, startApiServer } from './api-server.js';
import {
  ensureWebBuild,
  launchChromium,
  SCREENSHOTS,
  screenshots,
  seriousViolations,
  WEB_DIST,
} from './browser.js';
import { type ApiAnswer, call, createUser, type Json, logIn, type NewUser, request } from './web-api.js';

/** How long a page waits for anything by default. */
const T = 30_000;

export interface BrowserSuite {
  /** The server's address, e.g. for `page.goto`. */
  readonly url: string;
  /** A page of its own context at 1280×900, in English. */
  newPage: () => Promise<Page>;
  /** Signs in on the login page (as the administrator by default) and waits for the app. */
  signIn: (page: Page, username?: string, password?: string) => Promise<void>;
  /** A new page, signed in. */
  signedInPage: (username?: string, password?: string) => Promise<Page>;
  /** A JSON request to the API as the administrator, answered whatever its status. */
  request: (method: string, url: string, body?: object) => Promise<ApiAnswer>;
  /** A JSON request to the API as the administrator; a status other than `expect` (or 2xx) fails. */
  call: (method: string, url: string, body?: object, expect?: number) => Promise<Json>;
  /** Creates a user of a role through the API. */
  createUser: (user: NewUser) => Promise<Json>;
}

/**
 * Registers the file's beforeAll and afterAll: the server (with `env` added to its settings, and
 * WEB_DIR at the built UI) and Chromium. `contextOptions` add to every page's browser context.
 */
export function setupBrowserSuite(
  env: Record<string, string> = {},
  contextOptions: BrowserContextOptions = {},
): BrowserSuite {
  let server: ApiServer | undefined;
  let browser: Browser | undefined;
  let adminToken: string | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startApiServer({ WEB_DIR: WEB_DIST, ...env }), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  }, 120_000);

  const started = () => {
    if (!server || !browser) throw new Error('the browser suite is used before its beforeAll ran');
    return { server, browser };
  };
  const token = async () => {
    adminToken ??= (await logIn(started().server.url)).access_token;
    return adminToken;
  };

  const suite: BrowserSuite = {
    get url() {
      return started().server.url;
    },
    async newPage() {
      // bypassCSP: axe-core is injected as an inline script, which the app's CSP rightly refuses.
      const context = await started().browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
        bypassCSP: true,
        ...contextOptions,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(T);
      return page;
    },
    async signIn(page, username = 'admin', password = ADMIN_PASSWORD) {
      await page.goto(`${suite.url}/login`);
      await page.getByLabel('Username or e-mail').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    },
    async signedInPage(username, password) {
      const page = await suite.newPage();
      await suite.signIn(page, username, password);
      return page;
    },
    request: async (method, url, body) => request(suite.url, await token(), method, url, body),
    call: async (method, url, body, expect) => call(suite.url, await token(), method, url, body, expect),
    createUser: async (user) => createUser(suite.url, await token(), user),
  };
  return suite;
}

/** Types a scan and Enter, as a keyboard-wedge scanner does, into the scan field `id`. */
export async function scan(page: Page, code: string, id = 'scan'): Promise<void> {
  await page.locator(`#${id}`).focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** axe finds nothing serious on the page, which is saved at desktop and phone width as `name`. */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, name);
}

/** Runs `steps`, leaving web/test-results/failure-NAME.png of the page when they fail. */
export async function recorded(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    await page.screenshot({ path: `${SCREENSHOTS}/failure-${name}.png`, fullPage: true }).catch(() => {});
    throw error;
  }
}
