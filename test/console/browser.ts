/**
 * Chromium for the console tests: Debian's build driven by playwright-core, headless, with a fresh profile that
 * is removed on close. Fails at once with a clear message when the browser or the console build is missing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FRESHET_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Every page is screenshotted (a page that fails to render fails the test). The pictures go to a temporary folder
 * unless FRESHET_SCREENSHOT_DIR names one: `FRESHET_SCREENSHOT_DIR=docs/console npm test -- test/console`
 * refreshes the committed ones, so a plain test run leaves the work tree untouched.
 */
export const SCREENSHOT_DIR = process.env.FRESHET_SCREENSHOT_DIR
  ? resolve(process.env.FRESHET_SCREENSHOT_DIR)
  : join(tmpdir(), 'freshet-console-screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const BUILD_INDEX = resolve(import.meta.dirname, '../../dist/console/web/index.html');

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium (or set FRESHET_CHROMIUM)`);
  }
  if (!existsSync(BUILD_INDEX)) throw new Error('The console is not built: run `npm run build:console`.');
  const profile = await mkdtemp(join(tmpdir(), 'freshet-chromium-'));
  let context: BrowserContext;
  try {
    // The profile folder is given as playwright wants it, so every run starts from a fresh one.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 860 },
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  // Generous: a loaded 2-core machine runs other suites beside this one.
  context.setDefaultTimeout(20_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
