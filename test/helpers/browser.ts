import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './server.ts';

/**
 * Debian's Chromium with the flags this machine needs, one 1440×900 zh-CN page, and every console error
 * and page error collected into `consoleErrors` so a test can assert the page ran cleanly.
 */
export async function openPage(
  executablePath: string,
  consoleErrors: string[],
  opts: { timeout?: number; acceptDownloads?: boolean } = {},
): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(opts.timeout ?? 15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return { browser, page };
}
