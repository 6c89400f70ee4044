import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * 问题督办 (issue 6: overdue problems raise reminders): from the project list the office opens the overdue
 * problems, moves the day to the end of the demo data, reads the counts per escalation level, keeps only
 * what the liaison leaders must follow up, narrows to one county and opens a project.
 * Screenshots go to test-results/problems/.
 */
const SHOTS = path.join(REPO, 'test-results', 'problems');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const AS_OF = '2024-12-31';

interface Overdue {
  items: Array<{
    problem: { id: number; status: { level: 'county' | 'city' | 'leader'; daysOverdue: number } };
    project: { id: number; name: string; regionCode: string | null; regionName: string | null };
  }>;
}

describe.skipIf(!executablePath)('browser: overdue problems by escalation level', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  let overdue: Overdue['items'];
  const consoleErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };
  const rows = () => page.locator('[data-testid=problems-table] tbody tr.ant-table-row');
  const statistic = async (id: string) =>
    Number(((await page.getByTestId(id).locator('.ant-statistic-content').textContent()) ?? '').replace(/\D/g, ''));

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    overdue = ((await (await fetch(`${server.url}/api/problems/overdue?asOf=${AS_OF}`)).json()) as Overdue).items;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens from the project list and offers the end of the demo data', async () => {
    await page.goto(`${server.url}/projects`);
    await page.getByTestId('problems-link').click();
    await page.waitForURL(/\/problems$/);
    await poll(() => page.getByTestId('problems-stale').textContent()).toContain('示例数据止于 2024-12-31');
    await page.getByTestId('problems-data-end').click();
    await page.waitForURL(/asOf=2024-12-31/);
  });

  it('counts the overdue problems per level as the API does, longest overdue first', async () => {
    expect(overdue.length).toBeGreaterThan(3);
    const levels = new Set(overdue.map((i) => i.problem.status.level));
    expect(levels.size).toBeGreaterThan(1);
    await poll(() => statistic('problems-total')).toBe(overdue.length);
    for (const l of ['county', 'city', 'leader'] as const) {
      await expect(statistic(`problems-count-${l}`)).resolves.toBe(
        overdue.filter((i) => i.problem.status.level === l).length,
      );
    }
    const shown = Math.min(overdue.length, 50);
    await poll(() => rows().count()).toBe(shown);
    const days = (await page.getByTestId('problem-days').allTextContents()).map((d) => Number(d.replace(/\D/g, '')));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(days[0]).toBe(overdue[0]!.problem.status.daysOverdue);
    await shot('overdue-all', true);
  });

  it('keeps only what the liaison leaders follow up, then one county', async () => {
    const leader = overdue.filter((i) => i.problem.status.level === 'leader');
    await page.getByTestId('problems-level').getByText('包联市领导督办', { exact: false }).click();
    await page.waitForURL(/level=leader/);
    await poll(() => rows().count()).toBe(Math.min(leader.length, 50));
    const tags = await page.getByTestId('problem-level').allTextContents();
    expect(new Set(tags)).toEqual(new Set(['包联市领导督办']));

    const county = leader[0]!.project;
    await chooseOption(
      page,
      page.getByTestId('problems-region'),
      county.regionName as string,
      async () => page.url().includes(`region=${county.regionCode}`),
      county.regionName as string,
    );
    const inCounty = leader.filter((i) => i.project.regionCode === county.regionCode);
    await poll(() => rows().count()).toBe(inCounty.length);
    await shot('leader-county');
    await rows().first().getByTestId('problem-project').click();
    await page.waitForURL(new RegExp(`/projects/${inCounty[0]!.project.id}$`));
  });

  it('switches to English', async () => {
    await page.goto(`${server.url}/problems?asOf=${AS_OF}`);
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await poll(() => page.locator('h3').first().textContent()).toBe('Overdue problems');
    await expect(page.getByTestId('problems-level').textContent()).resolves.toContain('Liaison leader');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
    expect(consoleErrors).toEqual([]);
  });
});
