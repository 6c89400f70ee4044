import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The project list at scale in the browser (issue 6): lights come with the list (no request per row),
 * filters by light and library land in the URL and survive a reload, a click on the funnel's stage
 * filters the list, a column sorts on the server, and the export downloads an .xlsx whose rows are
 * the filtered list's. Screenshots go to test-results/project-list/.
 */

const SHOTS = path.join(REPO, 'test-results', 'project-list');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

interface ApiRow {
  id: number;
  library: string;
  totalInvestment: number | null;
  light: { light: string; reasons: Array<{ zh: string }> };
}

describe.skipIf(!executablePath)('browser: project list — lights, filters in the URL, funnel, export', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];
  /** Every API path the page asked for, to prove the list needs no request per row. */
  const requested: string[] = [];
  /** The same with their queries (the evaluation date must reach the funnel's request too). */
  const requestedUrls: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.evaluate('window.scrollTo(0, 0)'); // the funnel and the filters, not where the last click scrolled
    await page.waitForTimeout(700); // antd animations, chart first paint
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };
  const rows = () => page.locator('[data-testid=project-table] tbody tr.ant-table-row');
  const lightsShown = () =>
    page
      .locator('[data-testid=project-table] [data-light]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
  const libsShown = () =>
    page
      .locator('[data-testid=project-table] [data-library]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-library')));
  /** The whole filtered list from the API, page by page (what the page and the export must show). */
  const apiAll = async (query: string): Promise<{ total: number; items: ApiRow[] }> => {
    const items: ApiRow[] = [];
    for (let p = 1; ; p++) {
      const r = (await (await fetch(`${server.url}/api/projects?${query}&pageSize=500&page=${p}`)).json()) as {
        total: number;
        items: ApiRow[];
      };
      items.push(...r.items);
      if (items.length >= r.total || r.items.length === 0) return { total: r.total, items };
    }
  };
  const pick = async (testId: string, title: string) => {
    await page.getByTestId(testId).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
  };

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, {
      timeout: 20_000,
      acceptDownloads: true,
    }));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) {
        requested.push(u.pathname);
        requestedUrls.push(`${u.pathname}${u.search}`);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows each row’s light from the list reply alone, with the funnel', async () => {
    await page.goto(`${server.url}/projects`);
    await poll(() => rows().count()).toBe(20);
    await expect(page.getByTestId('project-count').textContent()).resolves.toBe('共 630 个项目');
    await poll(() => lightsShown().then((l) => l.length)).toBe(20);
    await page.locator('[data-testid=pipeline-funnel] canvas').first().waitFor();
    await page.locator('[data-testid=pipeline-chart] canvas').first().waitFor();
    await expect(page.getByTestId('light-hint').textContent()).resolves.toContain('时序进度');
    // the lights came with the list: no detail request per row
    expect(requested.filter((p) => /^\/api\/projects\/\d+/.test(p))).toEqual([]);
    await shot('list');
  });

  it('filters by light 红灯 and then 建设库; both land in the URL', async () => {
    const red = await apiAll('light=red');
    expect(red.total).toBeGreaterThan(20);
    await pick('filter-light', '红灯');
    await page.waitForURL(/light=red/);
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${red.total} 个项目`);
    await poll(() => lightsShown()).toEqual(Array(20).fill('red'));
    const redBuilding = await apiAll('light=red&library=construction');
    expect(redBuilding.total).toBeGreaterThan(0);
    await pick('filter-library', '建设库');
    await page.waitForURL(/library=construction/);
    expect(page.url()).toContain('light=red');
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${redBuilding.total} 个项目`);
    const n = Math.min(20, redBuilding.total);
    await poll(() => libsShown()).toEqual(Array(n).fill('construction'));
    await poll(() => lightsShown()).toEqual(Array(n).fill('red'));
    await shot('list-red-construction');
  });

  it('keeps the filters on a reload of the URL', async () => {
    const url = page.url();
    await page.goto(url);
    await poll(() => rows().count()).toBeGreaterThan(0);
    await expect(page.getByTestId('filter-light').textContent()).resolves.toContain('红灯');
    await expect(page.getByTestId('filter-library').textContent()).resolves.toContain('建设库');
  });

  it('exports the filtered list: the downloaded .xlsx has the same rows, with 红灯', async () => {
    const expected = await apiAll('light=red&library=construction');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-link').click()]);
    expect(download.suggestedFilename()).toBe('项目列表.xlsx');
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目列表');
    expect(ws).toBeDefined();
    const header = (ws!.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const got: Array<{ id: number; light: string; library: string; reasons: string }> = [];
    ws!.eachRow((r, i) => {
      if (i === 1) return;
      got.push({
        id: Number(r.getCell(col('项目编号')).value),
        light: String(r.getCell(col('预警灯')).value),
        library: String(r.getCell(col('所处库')).value),
        reasons: String(r.getCell(col('预警原因')).value ?? ''),
      });
    });
    expect(got.map((g) => g.id)).toEqual(expected.items.map((r) => r.id));
    expect(new Set(got.map((g) => g.light))).toEqual(new Set(['红灯']));
    expect(new Set(got.map((g) => g.library))).toEqual(new Set(['建设库']));
    expect(got[0]!.reasons).toBe(expected.items[0]!.light.reasons.map((r) => r.zh).join('；'));
  });

  it('filters the list by a click on the funnel’s 储备库 stage', async () => {
    await page.getByTestId('filter-clear').click();
    await poll(() => page.getByTestId('project-count').textContent()).toBe('共 630 个项目');
    const reserve = await apiAll('library=reserve');
    const canvas = page.locator('[data-testid=pipeline-funnel] canvas').first();
    await page.waitForTimeout(800); // the funnel's entry animation
    const box = await canvas.boundingBox();
    expect(box).not.toBeNull();
    // four stages stacked top to bottom between 8 px margins: 储备库 is the second
    const y = box!.y + 8 + ((box!.height - 16) / 4) * 1.5;
    await page.mouse.click(box!.x + box!.width / 2, y);
    await page.waitForURL(/library=reserve/);
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${reserve.total} 个项目`);
    await poll(() => libsShown().then((l) => new Set(l))).toEqual(new Set(['reserve']));
    await shot('funnel-reserve');
  });

  it('sorts by total investment on the server, largest first', async () => {
    await page.getByTestId('filter-clear').click();
    await poll(() => page.getByTestId('project-count').textContent()).toBe('共 630 个项目');
    const header = page.locator('[data-testid=project-table] thead th').filter({ hasText: '总投资（万元）' });
    await header.click(); // ascending
    await page.waitForURL(/sort=investment/);
    // The second click must reach a settled table: while the ascending page loads, antd's spinner covers it.
    const bottom = (await apiAll('sort=investment&order=asc')).items[0]!;
    await poll(() => rows().first().getByTestId('project-link').getAttribute('href')).toBe(`/projects/${bottom.id}`);
    await header.click(); // descending
    await page.waitForURL(/order=desc/);
    const top = (await apiAll('sort=investment&order=desc')).items[0]!;
    await poll(() => rows().first().getByTestId('project-link').getAttribute('href')).toBe(`/projects/${top.id}`);
    await shot('sorted-investment');
  });

  it('narrows the funnel to one county and shows its numbers', async () => {
    await pick('filter-county', '临猗县');
    await page.waitForURL(/region=140821/);
    await page.getByTestId('pipeline-table').waitFor();
    await expect(page.locator('.ant-card-head-title').first().textContent()).resolves.toContain('临猗县');
    await shot('funnel-linyi');
  });

  it('judges the lights as of 2024-12-31 (评价日期): the red count changes, asOf lands in the URL and the export', async () => {
    const today = await apiAll('light=red');
    const dataEnd = await apiAll('light=red&asOf=2024-12-31');
    expect(dataEnd.total).not.toBe(today.total);
    await page.goto(`${server.url}/projects?light=red`);
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${today.total} 个项目`);
    // the demo's monthly data ends in 2024: the page says so, lights judged today are mostly red
    await expect(page.getByTestId('asof-stale').textContent()).resolves.toContain('月度投资数据止于 2024-12-31');
    // pick the day in the date picker
    const input = page.locator('[data-testid=filter-asof] input, input[data-testid=filter-asof]').first();
    await input.click();
    await input.fill('2024-12-31');
    await input.press('Enter');
    await page.waitForURL(/asOf=2024-12-31/);
    expect(page.url()).toContain('light=red');
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${dataEnd.total} 个项目`);
    await poll(() => page.getByTestId('light-hint').textContent()).toContain('2024-12-31');
    await poll(() => lightsShown()).toEqual(Array(Math.min(20, dataEnd.total)).fill('red'));
    expect(await page.getByTestId('asof-stale').count()).toBe(0);
    await expect(input.inputValue()).resolves.toBe('2024-12-31');
    await expect(page.getByTestId('export-link').getAttribute('href')).resolves.toContain('asOf=2024-12-31');
    await poll(() =>
      requestedUrls.some((u) => u.startsWith('/api/projects/pipeline?') && u.includes('asOf=2024-12-31')),
    ).toBe(true);
    await shot('as-of-2024-12-31');
    // back to today, then the one-click choice of the hint
    await page.getByTestId('asof-today').click();
    await poll(() => page.url().includes('asOf=')).toBe(false);
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${today.total} 个项目`);
    await page.getByTestId('asof-data-end').click();
    await page.waitForURL(/asOf=2024-12-31/);
    await poll(() => page.getByTestId('project-count').textContent()).toBe(`共 ${dataEnd.total} 个项目`);
    // the evaluation date survives a reload and is no filter to clear
    await page.goto(page.url());
    await poll(() => input.inputValue()).toBe('2024-12-31');
    await page.getByTestId('filter-clear').click();
    await poll(() => page.url().includes('light=')).toBe(false);
    expect(page.url()).toContain('asOf=2024-12-31');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
