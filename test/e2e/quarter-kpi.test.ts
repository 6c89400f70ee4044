import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The projects behind a KPI of the quarter's ranking, in the browser (issue 6): a click on a
 * county's 开工率 opens a drawer listing the projects planned to start in the period — as many as
 * the API lists, those counted marked 计入 — with their planned and actual start; the English switch
 * relabels it; a project's name opens its page. Screenshots go to test-results/quarter-kpi/.
 */
const SHOTS = path.join(REPO, 'test-results', 'quarter-kpi');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

interface KpiReply {
  region: { code: string; name: string };
  numerator: number;
  denominator: number;
  rate: number | null;
  projects: Array<{ id: number; name: string; counted: boolean; basis: string | null; reached: string | null }>;
}

describe.skipIf(!executablePath)('browser: the projects behind a KPI of the quarter’s ranking', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.waitForTimeout(600); // the drawer's slide-in
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };
  const ranked = () => page.locator('[data-testid=ranking-table] tbody tr.ant-table-row');
  const rowOf = (name: string) =>
    ranked().filter({ has: page.getByTestId('ranking-region').getByText(name, { exact: true }) });
  const drawer = () => page.locator('.kpi-drawer');
  const drawerRows = () => drawer().locator('[data-testid=kpi-table] tbody tr.ant-table-row');
  const api = async <T>(p: string) => (await (await fetch(`${server.url}${p}`)).json()) as T;

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

  let county: { code: string; name: string };
  let expected: KpiReply;

  it('a county’s 开工率 opens a drawer with as many projects as the API lists, counted ones marked', async () => {
    // a county with planned starts in 2024, some of them started and some not
    const ranking = await api<{
      entries: Array<{ region: { code: string; name: string }; kpis: { startRate: number | null } }>;
    }>('/api/quarters/2024/4/ranking?by=county');
    const entry = ranking.entries.find(
      (e) => e.kpis.startRate !== null && e.kpis.startRate > 0 && e.kpis.startRate < 1,
    );
    expect(entry).toBeDefined();
    county = entry!.region;
    expected = await api<KpiReply>(`/api/quarters/2024/4/kpi-projects?by=county&region=${county.code}&kpi=startRate`);
    expect(expected.projects.length).toBeGreaterThan(1);
    expect(expected.projects.length).toBe(expected.denominator);

    await page.goto(`${server.url}/quarters?year=2024&quarter=4`);
    await poll(() => ranked().count()).toBe(13);
    const cell = rowOf(county.name).locator('[data-kpi=startRate]');
    await expect(cell.textContent()).resolves.toBe(`${((entry!.kpis.startRate as number) * 100).toFixed(1)}%`);
    await cell.click();
    await drawer().waitFor();
    await poll(() => drawerRows().count()).toBe(expected.projects.length);
    await expect(drawer().locator('.ant-drawer-title').textContent()).resolves.toBe(
      `${county.name} · 开工率（2024年第4季度）`,
    );
    await poll(() => drawer().getByTestId('kpi-summary').textContent()).toBe(
      `分母 ${expected.denominator} 个项目，计入分子 ${expected.numerator} 个，开工率 ${(
        (expected.rate as number) * 100
      ).toFixed(1)}%`,
    );
    await expect(drawer().locator('[data-counted=yes]').count()).resolves.toBe(expected.numerator);
    await expect(drawer().locator('[data-counted=no]').count()).resolves.toBe(
      expected.denominator - expected.numerator,
    );
    // the rows are the API's projects, with their planned start
    const names = await drawer().getByTestId('kpi-project-link').allTextContents();
    expect(names).toEqual(expected.projects.map((p) => p.name));
    const first = drawerRows().first();
    await expect(first.textContent()).resolves.toContain(expected.projects[0]!.basis as string);
    await expect(drawer().locator('thead').textContent()).resolves.toContain('计划开工');
    await shot('drawer-start-rate');
  });

  it('switches the drawer to English and back', async () => {
    // the drawer's mask covers the header: close it, switch, open it again
    await drawer().locator('.ant-drawer-close').click();
    await poll(() => drawer().isVisible()).toBe(false);
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await rowOf(county.name).locator('[data-kpi=startRate]').click();
    await poll(() => drawer().locator('.ant-drawer-title').textContent()).toBe(`${county.name} · Start rate (2024 Q4)`);
    await poll(() => drawer().locator('thead').textContent()).toContain('Planned start');
    await poll(() => drawerRows().count()).toBe(expected.projects.length);
    await shot('drawer-start-rate-en');
    await drawer().locator('.ant-drawer-close').click();
    await poll(() => drawer().isVisible()).toBe(false);
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
    await rowOf(county.name).locator('[data-kpi=startRate]').click();
    await poll(() => drawer().locator('.ant-drawer-title').textContent()).toContain('开工率');
    await poll(() => drawerRows().count()).toBe(expected.projects.length);
  });

  it('a project’s name in the drawer opens the project page', async () => {
    const target = expected.projects[0]!;
    await drawer().getByTestId('kpi-project-link').first().click();
    await page.waitForURL(new RegExp(`/projects/${target.id}$`));
    await poll(() => page.getByTestId('project-name').textContent()).toContain(target.name);
    await shot('project-page');
  });

  it('shows the 达产率 column, and its cell opens the projects planned to reach capacity', async () => {
    const ranking = await api<{
      entries: Array<{ region: { code: string; name: string }; kpis: { capacityRate: number | null } }>;
    }>('/api/quarters/2024/4/ranking?by=county');
    const entry = ranking.entries.find((e) => e.kpis.capacityRate !== null);
    expect(entry).toBeDefined();
    const reply = await api<KpiReply>(
      `/api/quarters/2024/4/kpi-projects?by=county&region=${entry!.region.code}&kpi=capacityRate`,
    );
    await page.goto(`${server.url}/quarters?year=2024&quarter=4`);
    await poll(() => ranked().count()).toBe(13);
    await expect(page.locator('[data-testid=ranking-table] thead').textContent()).resolves.toContain('达产率');
    const cell = rowOf(entry!.region.name).locator('[data-kpi=capacityRate]');
    await expect(cell.textContent()).resolves.toBe(`${((entry!.kpis.capacityRate as number) * 100).toFixed(1)}%`);
    await cell.click();
    await drawer().waitFor();
    await poll(() => drawer().locator('.ant-drawer-title').textContent()).toContain('达产率');
    await poll(() => drawerRows().count()).toBe(reply.projects.length);
    await shot('drawer-capacity-rate');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
