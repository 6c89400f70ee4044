import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The browser part of issue 5: a planning-office user reads the demo plan's indicators for 2024, filters
 * what is behind, opens one indicator and gives it a lead unit, reads the cockpit, enters a value for
 * 运城市 (a wrong one first), submits and approves it, and switches to English. Screenshots go to
 * test-results/indicators/.
 */

const SHOTS = path.join(REPO, 'test-results', 'indicators');
const GDP = '地区生产总值（GDP）增长率';
const SERVICES = '服务业增加值占GDP的比重';

const executablePath = chromiumPath();
/** Server round trips and a chart's first paint take longer than expect.poll's default second. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

describe.skipIf(!executablePath)('browser: indicator monitoring, cockpit, data entry', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let planId = '';
  let step = 0;
  const consoleErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.waitForTimeout(600); // antd animations, chart first paint
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };

  const rows = () => page.locator('[data-testid=indicator-table] tbody tr.ant-table-row');

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const plans = (await (await fetch(`${server.url}/api/plans`)).json()) as {
      items: { id: number; isDemo: boolean }[];
    };
    planId = String(plans.items.find((p) => p.isDemo)?.id);
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reaches the monitoring pages from the plan page', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const links = page.getByTestId('plan-monitor-links');
    await links.waitFor();
    await expect(links.textContent()).resolves.toMatch(/指标监测.*驾驶舱.*数据填报/);
    await links.getByText('指标监测').click();
    await page.waitForURL(/\/plans\/\d+\/indicators/);
  });

  it('lists the 37 indicators of 2024 with several different statuses', async () => {
    await poll(() => rows().count()).toBe(37);
    await expect(page.getByTestId('period-select').textContent()).resolves.toContain('2024');
    await expect(page.getByTestId('region-select').textContent()).resolves.toContain('运城市');
    await expect(page.getByTestId('demo-label').textContent()).resolves.toBe('示例数据');
    const statuses = await page
      .locator('[data-testid=indicator-table] [data-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(statuses).size).toBeGreaterThanOrEqual(5);
    const gdp = rows().filter({ hasText: GDP });
    const text = await gdp.textContent();
    expect(text).toContain('滞后');
    expect(text).toContain('需年均增长');
    // 约束性 in a red tag
    await expect(
      page.locator('[data-testid=indicator-table] [data-attribute=binding]').count(),
    ).resolves.toBeGreaterThan(0);
    await shot('list-2024');

    // the reason of a status, in the expanded row
    await gdp.locator('.ant-table-row-expand-icon').click();
    await expect(page.getByTestId('reason-row').first().textContent()).resolves.toContain('完成进度比');
    await shot('list-reason');
    await gdp.locator('.ant-table-row-expand-icon').click();
  });

  it('filters by status 滞后', async () => {
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option[title="滞后"]').click();
    await poll(() => rows().count()).toBe(5);
    const statuses = await page
      .locator('[data-testid=indicator-table] [data-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['behind']));
    await expect(page.getByTestId('indicator-count').textContent()).resolves.toContain('5 / 37');
    await shot('list-filter-behind');
  });

  it('opens an indicator with its chart, trajectory and county values', async () => {
    await rows().filter({ hasText: GDP }).getByTestId('indicator-link').click();
    await page.waitForURL(/\/indicators\/\d+/);
    await expect(page.getByTestId('indicator-name').textContent()).resolves.toBe(GDP);
    await page.locator('[data-testid=trajectory-chart] canvas').first().waitFor();
    const years = page.locator('[data-testid=year-table] tbody tr.ant-table-row');
    await poll(() => years.count()).toBe(5);
    await expect(years.first().textContent()).resolves.toContain('2021');
    await expect(page.getByTestId('year-table').textContent()).resolves.toContain('年均增长');
    const counties = page.locator('[data-testid=county-table] tbody tr.ant-table-row');
    await poll(() => counties.count()).toBe(14);
    await expect(page.getByTestId('county-table').textContent()).resolves.toContain('盐湖区');
    await expect(page.getByTestId('indicator-source').textContent()).resolves.toContain('地区生产总值');
    await shot('detail');
    await shot('detail-full', true);
  });

  it('sets the lead unit to 市发展改革委 and keeps it', async () => {
    const lead = page.getByTestId('owner-form').locator('[data-testid=lead-unit] input, input[data-testid=lead-unit]');
    await lead.first().fill('市发展改革委');
    await page.keyboard.press('Escape');
    await page.getByTestId('owner-save').click();
    await poll(() => page.getByTestId('indicator-lead').textContent()).toBe('市发展改革委');
    await poll(() => page.getByTestId('history-table').textContent()).toContain('市发展改革委');
    await shot('detail-owner-saved', true);
    await page.reload();
    await poll(() => page.getByTestId('indicator-lead').textContent()).toBe('市发展改革委');
  });

  it('reloads with the bilingual message when someone else changed the indicator meanwhile', async () => {
    const id = page.url().match(/\/indicators\/(\d+)/)?.[1];
    const current = (await (await fetch(`${server.url}/api/indicators/${id}`)).json()) as {
      indicator: { version: number };
    };
    const res = await fetch(`${server.url}/api/indicators/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.indicator.version, supportingUnits: ['市统计局'] }),
    });
    expect(res.status).toBe(200);
    // the page still holds the old version
    await page.getByTestId('owner-form').locator('input#dataSource').fill('统计年鉴');
    await page.getByTestId('owner-save').click();
    await poll(() => page.locator('.ant-message').textContent()).toContain('已被他人修改');
    await shot('detail-stale');
    await poll(() => page.getByTestId('supporting-units').textContent()).toContain('市统计局');
  });

  it('shows the cockpit: counts, behind list with lead units, heat map', async () => {
    await page.goto(`${server.url}/plans/${planId}/cockpit`);
    await page.getByTestId('status-cards').waitFor();
    await expect(page.getByTestId('count-total').textContent()).resolves.toContain('37');
    await expect(page.getByTestId('count-behind').textContent()).resolves.toMatch(/滞后\s*8/);
    const behind = page.locator('[data-testid=behind-list] tbody tr.ant-table-row');
    await poll(() => behind.count()).toBeGreaterThan(5);
    await expect(behind.filter({ hasText: GDP }).textContent()).resolves.toContain('市发展改革委');
    await page.locator('[data-testid=heat-map] canvas').first().waitFor();
    await page.locator('[data-testid=status-pie] canvas').first().waitFor();
    await shot('cockpit');
    await shot('cockpit-full', true);
    // a cell of the heat map opens the list on that county and category
    await page.getByTestId('heat-map').scrollIntoViewIfNeeded();
    const b = (await page.locator('[data-testid=heat-map] canvas').first().boundingBox()) as {
      x: number;
      y: number;
      height: number;
    };
    // rows: 全市 first, then the 13 counties; the category labels sit above them. Row 2 is 盐湖区.
    const cellH = (b.height - 110) / 15;
    await page.mouse.click(b.x + 120, b.y + 38 + cellH * 1.5);
    await page.waitForURL(/\/indicators\?.*category=/);
    await expect(page.getByTestId('region-select').textContent()).resolves.toContain('盐湖区');
    await poll(() => rows().count()).toBe(7);
    await page.goBack();
    await page.getByTestId('status-cards').waitFor();
  });

  it('enters a value for 运城市 2024: a wrong one, then a right one, submits and approves it', async () => {
    await page.getByTestId('indicator-nav').getByText('数据填报').click();
    await page.waitForURL(/\/entry/);
    await expect(page.getByTestId('region-select').textContent()).resolves.toContain('运城市');
    await expect(page.getByTestId('period-select').textContent()).resolves.toContain('2024');
    const row = page.locator('[data-testid=entry-table] tbody tr.ant-table-row', { hasText: SERVICES });
    await row.waitFor();
    const id = await row.getAttribute('data-row-key');
    const input = page.getByTestId(`value-input-${id}`);
    await poll(() => input.isEnabled()).toBe(true);
    await expect(page.getByTestId(`previous-${id}`).textContent()).resolves.toBe('45.99');

    await input.fill('abc');
    await page.getByTestId(`save-${id}`).click();
    await poll(() => page.getByTestId(`value-error-${id}`).first().textContent()).toContain('“abc”不是数字');
    await shot('entry-error');

    await input.fill('45.8');
    await page.getByTestId(`note-input-${id}`).fill('统计局快报数');
    await page.getByTestId(`save-${id}`).click();
    await poll(() => page.getByTestId(`state-${id}`).getAttribute('data-state')).toBe('draft');
    await expect(page.getByTestId(`value-error-${id}`).count()).resolves.toBe(0);
    await shot('entry-saved');

    await page.getByTestId(`submit-${id}`).click();
    await poll(() => page.getByTestId(`state-${id}`).getAttribute('data-state')).toBe('submitted');
    await page.getByTestId(`approve-${id}`).click();
    await poll(() => page.getByTestId(`state-${id}`).getAttribute('data-state')).toBe('approved');
    await expect(input.inputValue()).resolves.toBe('45.8');
    await shot('entry-approved');

    // the planning office sends it back with a reason; the unit sees why and submits again
    await page.getByTestId(`return-${id}`).click();
    await page.getByTestId('return-reason').fill('请与统计公报口径核对');
    await page.getByTestId('return-confirm').click();
    await poll(() => page.getByTestId(`state-${id}`).getAttribute('data-state')).toBe('returned');
    await expect(row.textContent()).resolves.toContain('请与统计公报口径核对');
    // no approved value now: the expected value still comes from the plan's path (42, a level to hold)
    await expect(page.getByTestId(`path-${id}`).textContent()).resolves.toBe('42');
    await shot('entry-returned');
    await page.getByTestId(`submit-${id}`).click();
    await poll(() => page.getByTestId(`state-${id}`).getAttribute('data-state')).toBe('submitted');
    await page.getByTestId(`approve-${id}`).click();
    await poll(() => page.getByTestId(`state-${id}`).getAttribute('data-state')).toBe('approved');

    // the value is the indicator's 2024 value now, no longer demo data
    const detail = (await (await fetch(`${server.url}/api/indicators/${id}`)).json()) as {
      values: { regionCode: string; period: string; value: number; state: string; isDemo: boolean }[];
    };
    const v = detail.values.find((x) => x.regionCode === '140800' && x.period === '2024');
    expect(v).toMatchObject({ value: 45.8, state: 'approved', isDemo: false });
  });

  it('switches to English and shows the English status labels', async () => {
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await page.getByTestId('indicator-nav').getByText('Indicators').click();
    await poll(() => rows().count()).toBe(37);
    await expect(page.getByTestId('mon-page-title').textContent()).resolves.toBe('Indicator monitoring');
    const labels = await page.locator('[data-testid=indicator-table] [data-status]').allTextContents();
    expect(labels).toContain('behind');
    expect(labels).toContain('on track');
    expect(labels).toContain('achieved early');
    expect(labels.join('')).not.toMatch(/[滞后符合]/);
    await expect(page.locator('[data-testid=indicator-table] thead').textContent()).resolves.toContain('Status');
    await shot('english-list');
    await page.getByTestId('indicator-nav').getByText('Cockpit').click();
    await page.getByTestId('status-cards').waitFor();
    await expect(page.getByTestId('count-behind').textContent()).resolves.toContain('Behind');
    await shot('english-cockpit');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
  });

  it('logged no errors in the browser console', () => {
    // the 422 of the value "abc" and the 409 of the stale edit are the answers the test asked for
    expect(consoleErrors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
