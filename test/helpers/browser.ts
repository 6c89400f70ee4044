import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
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

/**
 * Chooses `title` in an antd select and waits until `chosen()` says the page took it. antd opens its dropdown
 * with an animation and may re-render it while the page refetches, so a single click on an option now and
 * then lands on nothing; this reopens the dropdown and clicks again, up to four times, before it fails.
 */
export async function chooseOption(
  page: Page,
  trigger: Locator,
  title: string,
  chosen: () => Promise<boolean>,
  /** For a searchable select whose list is virtual (only the visible options exist): typed after opening. */
  search?: string,
): Promise<void> {
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);
  for (let attempt = 0; attempt < 4; attempt += 1) {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) {
      await trigger.click();
      if (search) await page.keyboard.type(search);
    }
    await option.click({ timeout: 5_000 }).catch(() => undefined);
    for (let wait = 0; wait < 20; wait += 1) {
      if (await chosen()) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`option "${title}" was not chosen after four attempts`);
}
