import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The quarter's 五个一 schedule (issue 6: cadences are configuration): 2024 Q4 of the demo lists its five
 * events with what took place; the office makes the tour half-yearly and Q3 no longer expects one.
 * Screenshots go to test-results/quarter-schedule/.
 */
const SHOTS = path.join(REPO, 'test-results', 'quarter-schedule');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

describe.skipIf(!executablePath)('browser: the 五个一 schedule and its cadence', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];

  const shot = async (name: string) => {
    step += 1;
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
  };
  const status = (event: string) => page.getByTestId(`schedule-status-${event}`).getAttribute('data-status');

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the five events of 2024 Q4 with what took place', async () => {
    await page.goto(`${server.url}/quarters?year=2024&quarter=4`);
    const rows = page.locator('[data-testid=schedule-table] tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(5);
    await expect(status('groundbreaking')).resolves.toBe('done');
    await expect(status('tour')).resolves.toBe('done');
    await expect(status('assessment')).resolves.toBe('in_progress');
    await expect(status('bulletin')).resolves.toBe('missing');
    await expect(page.getByTestId('schedule-status-groundbreaking').textContent()).resolves.toContain(
      '已举办：2024-10-28',
    );
    await page.getByTestId('schedule-card').scrollIntoViewIfNeeded();
    await shot('schedule-2024q4');
  });

  it('a half-yearly tour leaves Q3 without one and stays due in December', async () => {
    await page.getByTestId('cadence-edit').click();
    await chooseOption(page, page.getByTestId('cadence-every-tour'), '每半年', async () =>
      ((await page.getByTestId('cadence-every-tour').textContent()) ?? '').includes('每半年'),
    );
    await page.locator('input[data-testid=cadence-at-tour], [data-testid=cadence-at-tour] input').fill('6');
    await shot('cadence-editor');
    await page.getByTestId('cadence-save').click();
    await poll(() => page.getByTestId('schedule-tour').textContent()).toContain('2024-H2');
    await expect(status('tour')).resolves.toBe('done');
    await page.goto(`${server.url}/quarters?year=2024&quarter=3`);
    const rows = page.locator('[data-testid=schedule-table] tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(4);
    await expect(page.getByTestId('schedule-tour').count()).resolves.toBe(0);
    const stored = (await (await fetch(`${server.url}/api/cadence`)).json()) as {
      version: number;
      cadence: { tour: { every: number; monthInCycle: number } };
    };
    expect(stored).toMatchObject({ version: 1, cadence: { tour: { every: 6, monthInCycle: 6 } } });
    expect(consoleErrors).toEqual([]);
  });
});
