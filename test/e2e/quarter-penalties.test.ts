import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * 扣分与否决事项 on the quarter page (2024 Q4 of the demo): the office records a major safety accident
 * against the first-ranked county; the ranking marks it vetoed and puts it last at once; a date outside
 * the quarter is refused at its field in Chinese and English; deleting the matter restores the place.
 * Screenshots go to test-results/quarter-penalties/.
 */
const SHOTS = path.join(REPO, 'test-results', 'quarter-penalties');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

interface Entry {
  region: { code: string; name: string };
  rank: number;
  vetoed: boolean;
}

describe.skipIf(!executablePath)('browser: deduction and veto matters of a quarter', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  let first: Entry;
  const consoleErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };
  const ranked = () => page.locator('[data-testid=ranking-table] tbody tr.ant-table-row');
  const rowOf = (name: string) =>
    ranked().filter({ has: page.getByTestId('ranking-region').getByText(name, { exact: true }) });
  const rows = () => page.locator('[data-testid=penalties-table] tbody tr.ant-table-row');
  const ranking = async () =>
    ((await (await fetch(`${server.url}/api/quarters/2024/4/ranking?by=county`)).json()) as { entries: Entry[] })
      .entries;

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    first = (await ranking()).find((e) => e.rank === 1)!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says what the rubric lets the office record, with nothing recorded yet', async () => {
    await page.goto(`${server.url}/quarters?year=2024&quarter=4`);
    await poll(() => ranked().count()).toBe(13);
    const kinds = page.getByTestId('penalty-kinds');
    await poll(() => kinds.textContent()).toContain('一票否决—发生重大安全生产事故');
    await expect(kinds.textContent()).resolves.toContain('一票否决—统计数据弄虚作假');
    await expect(page.getByTestId('penalties-table').textContent()).resolves.toContain('本季度未登记扣分或否决事项');
    await expect(rowOf(first.region.name).getByTestId('ranking-vetoed').count()).resolves.toBe(0);
  });

  it('refuses a date outside the quarter at the field, in Chinese and English, and saves nothing', async () => {
    await page.getByTestId('penalty-form').scrollIntoViewIfNeeded();
    await chooseOption(page, page.getByTestId('penalty-region'), first.region.name, async () =>
      ((await page.getByTestId('penalty-form').textContent()) ?? '').includes(first.region.name),
    );
    await page.getByTestId('penalty-date').fill('2024-09-30');
    await page.getByTestId('penalty-reason').fill('某项目工地发生较大生产安全事故，造成2人死亡');
    await page.getByTestId('penalty-save').click();
    const form = page.getByTestId('penalty-form');
    await poll(() => form.textContent()).toContain('发生日期须在本季度内（2024-10-01 至 2024-12-31）');
    await shot('date-refused');
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await poll(() => form.textContent()).toContain('the date must fall within the quarter (2024-10-01 to 2024-12-31)');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
    await poll(() => form.textContent()).toContain('发生日期须在本季度内');
    expect(await rows().count()).toBe(0);
  });

  it('records a safety accident against the first county: vetoed and last in the ranking at once', async () => {
    await page.getByTestId('penalty-date').fill('2024-11-12');
    await page.getByTestId('penalty-source').fill('市应急管理局通报');
    await page.getByTestId('penalty-save').click();
    await poll(() => page.getByTestId('penalty-saved').textContent()).toBe(
      `已登记：${first.region.name} · 发生重大安全生产事故`,
    );
    await poll(() => rows().count()).toBe(1);
    await expect(rows().first().textContent()).resolves.toContain('某项目工地发生较大生产安全事故');
    await expect(rows().first().textContent()).resolves.toContain('2024-11-12');
    // the ranking table refreshes: the county carries 一票否决 and sits in the last row
    await poll(() => rowOf(first.region.name).getByTestId('ranking-vetoed').count()).toBe(1);
    await poll(() => ranked().last().getByTestId('ranking-region').textContent()).toBe(first.region.name);
    const api = (await ranking()).find((e) => e.region.code === first.region.code)!;
    expect(api).toMatchObject({ vetoed: true, rank: 13 });
    await page.getByTestId('ranking-table').scrollIntoViewIfNeeded();
    await shot('vetoed-last', true);
  });

  it('deleting the matter after the confirmation gives the county its place back', async () => {
    const id = (
      (await (await fetch(`${server.url}/api/quarters/2024/4/penalties`)).json()) as { items: { id: number }[] }
    ).items[0]!.id;
    await page.getByTestId(`penalty-delete-${id}`).click();
    await page.getByTestId('penalty-delete-ok').click();
    await poll(() => rows().count()).toBe(0);
    await poll(() => rowOf(first.region.name).getByTestId('ranking-vetoed').count()).toBe(0);
    await poll(async () => (await ranking()).find((e) => e.region.code === first.region.code)?.rank).toBe(1);
    // the refused date answered 422 on purpose
    expect(consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
