import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * 工作台: the office opens it from the navigation, reads the figures the API gives (failing indicators,
 * red projects, overdue problems, the quarter's events not done) and follows the red lights to the
 * filtered project list. Screenshots go to test-results/workbench/.
 */
const SHOTS = path.join(REPO, 'test-results', 'workbench');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

interface Workbench {
  asOf: string;
  indicators: { counts: Record<string, number>; attention: unknown[] };
  projects: { red: number };
  problems: { total: number };
  quarter: { due: unknown[] };
}

describe.skipIf(!executablePath)('browser: the workbench', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let w: Workbench;
  const consoleErrors: string[] = [];
  const number = async (testId: string) =>
    Number(
      ((await page.getByTestId(testId).locator('.ant-statistic-content').first().textContent()) ?? '').replace(
        /\D/g,
        '',
      ),
    );

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    w = (await (await fetch(`${server.url}/api/workbench`)).json()) as Workbench;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the figures of the API, judged at the end of the demo data', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.app-nav').getByText('工作台').click();
    await page.waitForURL(/\/workbench$/);
    await poll(() => page.getByTestId('workbench-asof').textContent()).toContain(`项目和问题按 ${w.asOf} 评价`);
    await expect(page.getByTestId('workbench-count-failed').getAttribute('data-count')).resolves.toBe(
      String(w.indicators.counts.failed ?? 0),
    );
    await poll(() => page.getByTestId('workbench-attention').count()).toBe(w.indicators.attention.length);
    await expect(number('workbench-red')).resolves.toBe(w.projects.red);
    await expect(number('workbench-problems-total')).resolves.toBe(w.problems.total);
    await expect(page.getByTestId('workbench-due').count()).resolves.toBe(w.quarter.due.length);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, '01-workbench.png'), fullPage: true });
  });

  it('the red lights open the project list filtered to them on the same day', async () => {
    await page.getByTestId('workbench-red').click();
    await page.waitForURL(/\/projects\?light=red&asOf=2024-12-31/);
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${w.projects.red} 个项目`);
  });

  it('switches to English', async () => {
    await page.goto(`${server.url}/workbench`);
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await poll(() => page.getByTestId('workbench-asof').textContent()).toContain(
      `Projects and problems judged on ${w.asOf}`,
    );
    await expect(page.getByTestId('workbench-problems').textContent()).resolves.toContain('Liaison leader');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
    expect(consoleErrors).toEqual([]);
  });
});
