import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * 数值审核 (issue 5: submitted → approved, or returned with a reason): three counties submit their 2025
 * values; the planning office returns one with a reason, approves two together, and meets a colleague's
 * change as a bilingual conflict that approves nothing. Screenshots go to test-results/value-review/.
 */
const SHOTS = path.join(REPO, 'test-results', 'value-review');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const PLAN = 1;

interface Value {
  id: number;
  version: number;
  state: string;
  returnReason: string | null;
}

describe.skipIf(!executablePath)('browser: the review queue of submitted values', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];
  const submitted: Value[] = [];

  const shot = async (name: string) => {
    step += 1;
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const api = async <T>(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };
  const submit = async (indicatorId: number, regionCode: string, value: number): Promise<Value> => {
    const saved = (
      await api<{ value: Value }>(`/api/indicators/${indicatorId}/values`, 'POST', {
        regionCode,
        period: '2025',
        value,
        note: '县统计局快报',
      })
    ).body.value;
    return (await api<{ value: Value }>(`/api/values/${saved.id}/submit`, 'POST', { version: saved.version })).body
      .value;
  };
  const returnedQueue = async () =>
    (await api<{ items: Array<{ value: Value }> }>(`/api/plans/${PLAN}/review?state=returned`)).body.items;
  const rows = () => page.locator('[data-testid=review-table] tbody tr.ant-table-row');

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    const list = (
      await api<{ items: { indicator: { id: number; name: string } }[] }>(`/api/plans/${PLAN}/indicators?period=2024`)
    ).body.items;
    const gdp = list.find((i) => i.indicator.name === '地区生产总值（GDP）增长率')!.indicator.id;
    for (const [region, v] of [
      ['140802', 6.1],
      ['140821', 5.4],
      ['140822', 25],
    ] as const) {
      submitted.push(await submit(gdp, region, v));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the submitted values of every county with the period before', async () => {
    const queue = (await api<{ items: unknown[] }>(`/api/plans/${PLAN}/review`)).body.items;
    await page.goto(`${server.url}/plans/${PLAN}/review`);
    await poll(() => rows().count()).toBe(queue.length);
    const row = rows().filter({ has: page.getByText('万荣县', { exact: true }) });
    await expect(row.getByTestId('review-value').textContent()).resolves.toContain('25');
    await expect(page.getByTestId('review-state').textContent()).resolves.toContain(`待审核 ${queue.length}`);
    await shot('queue');
  });

  it('returns the implausible value with a reason; the unit sees it under 已退回', async () => {
    const wrong = submitted[2]!;
    await page.getByTestId(`review-return-${wrong.id}`).click();
    const ok = page.getByTestId('review-return-ok');
    await expect(ok.isDisabled()).resolves.toBe(true);
    await page.getByTestId('review-reason').fill('增速25%明显偏高，请核实后重报');
    await ok.click();
    await poll(() => page.getByTestId(`review-return-${wrong.id}`).count()).toBe(0);
    await page
      .getByTestId('review-state')
      .getByText(/已退回/)
      .click();
    await page.waitForURL(/state=returned/);
    await poll(() => page.getByTestId('review-table').textContent()).toContain('增速25%明显偏高，请核实后重报');
    expect((await returnedQueue()).find((i) => i.value.id === wrong.id)?.value).toMatchObject({
      state: 'returned',
      returnReason: '增速25%明显偏高，请核实后重报',
    });
    await page
      .getByTestId('review-state')
      .getByText(/待审核/)
      .click();
  });

  it('a colleague’s change meanwhile refuses the whole batch as a conflict; approving again takes the rest', async () => {
    const [a, b] = submitted as [Value, Value];
    await poll(() => page.getByTestId(`review-approve-${a.id}`).count()).toBe(1);
    for (const v of [a, b]) {
      await rows()
        .filter({ has: page.getByTestId(`review-approve-${v.id}`) })
        .locator('.ant-checkbox-input')
        .check();
    }
    // someone approves b directly before the office presses the button
    expect((await api(`/api/values/${b.id}/approve`, 'POST', { version: b.version })).status).toBe(200);
    await page.getByTestId('review-approve-many').click();
    const alert = page.getByTestId('error-alert');
    await poll(() => alert.getAttribute('data-error-code')).toBe('STALE_VERSION');
    await expect(alert.textContent()).resolves.toContain('数据已被他人修改');
    const stillA = (await api<{ items: Array<{ value: Value }> }>(`/api/plans/${PLAN}/review`)).body.items.find(
      (i) => i.value.id === a.id,
    );
    expect(stillA?.value.state).toBe('submitted');
    await shot('conflict');
    await page.reload();
    await page.getByTestId(`review-approve-${a.id}`).click();
    await poll(() => page.getByTestId('review-done').textContent()).toBe('已通过 1 条');
    await poll(() => page.getByTestId(`review-approve-${a.id}`).count()).toBe(0);
    // 409 was the answer the test asked for
    expect(consoleErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
