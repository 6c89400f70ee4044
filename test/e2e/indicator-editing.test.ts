import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The planning office's editing paths of issue 5 in a real browser on the demo plan: it enters the provincial
 * assignments of 空气质量优良天数比率 and sees it leave 无法评估; meets a colleague's concurrent edit (a
 * bilingual conflict); makes an indicator quarterly and picks a quarter on the list and the entry page;
 * the entry page reads all values in one request; a value's evidence opens the document at its place.
 * Screenshots go to test-results/indicator-editing/.
 */

const SHOTS = path.join(REPO, 'test-results', 'indicator-editing');
const AIR = '地级及以上城市空气质量优良天数比率';
const QUARTERLY = '城镇登记失业率';

const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

interface Evaluated {
  indicator: { id: number; name: string; version: number; frequency: string };
  evaluation: { status: string; expected: number | null };
}
interface Value {
  id: number;
  indicatorId: number;
  regionCode: string;
  period: string;
  value: number;
  state: string;
  version: number;
  isDemo: boolean;
}

describe.skipIf(!executablePath)(
  'browser: provincial assignments, quarter periods, one-request entry, evidence',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    let planId = 0;
    let step = 0;
    const consoleErrors: string[] = [];

    const api = async <T>(
      url: string,
      init?: { method: string; body: unknown },
    ): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${server.url}${url}`, {
        method: init?.method ?? 'GET',
        headers: init ? { 'content-type': 'application/json' } : {},
        body: init ? JSON.stringify(init.body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const indicators = async (period = '2024') =>
      (await api<{ items: Evaluated[] }>(`/api/plans/${planId}/indicators?period=${period}`)).body.items;
    const byName = async (name: string, period = '2024') =>
      (await indicators(period)).find((i) => i.indicator.name.startsWith(name)) as Evaluated;

    /** antd puts a test id on the InputNumber's input or on its wrapper, depending on the version. */
    const numberInput = (id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();
    /** Picks an option of an open searchable select by typing: long period lists are virtual, so type to reach one. */
    const pickByTyping = async (typed: string, title: string) => {
      await page.keyboard.type(typed);
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
    };

    const shot = async (name: string, fullPage = false) => {
      step += 1;
      await page.waitForTimeout(600); // antd animations, chart first paint
      await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
    };

    beforeAll(async () => {
      rmSync(SHOTS, { recursive: true, force: true });
      mkdirSync(SHOTS, { recursive: true });
      server = await startServer();
      const plans = (await api<{ items: { id: number; isDemo: boolean }[] }>('/api/plans')).body;
      planId = plans.items.find((p) => p.isDemo)?.id as number;
      ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('enters the provincial assignments of 空气质量优良天数比率 and sees it judged instead of 无法评估', async () => {
      const air = await byName(AIR);
      expect(air.evaluation.status).toBe('not_assessable');
      const values = (await api<{ values: Value[] }>(`/api/indicators/${air.indicator.id}`)).body.values;
      const v2024 = values.find((v) => v.regionCode === '140800' && v.period === '2024') as Value;
      const v2023 = values.find((v) => v.regionCode === '140800' && v.period === '2023') as Value;

      await page.goto(`${server.url}/indicators/${air.indicator.id}?period=2024`);
      await page.getByTestId('assignments-card').waitFor();
      await poll(() => page.getByTestId('period-status').textContent()).toBe('无法评估');
      await expect(page.getByTestId('assignments-table').textContent()).resolves.toContain('尚未填写');
      await shot('assignments-empty');

      // 2024: a little below the city's value → met; 2023: above it → a binding indicator fails that year
      await page.getByTestId('assign-add').click();
      await page.getByTestId('assign-year-0').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="2024年"]').click();
      await numberInput('assign-value-0').fill(String(Math.floor(v2024.value) - 1));
      await page.getByTestId('assign-note-0').fill('省生态环境厅下达2024年目标');
      await page.getByTestId('assign-document-0').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'yuncheng-14th' }).click();
      await page.getByTestId('assign-quote-0').fill('确保区域空气质量持续改善');
      await page.getByTestId('assign-add').click();
      await page.getByTestId('assign-year-1').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="2023年"]').click();
      await numberInput('assign-value-1').fill(String(Math.ceil(v2023.value) + 2));
      // no source: refused with the reason in the row, nothing saved
      await page.getByTestId('assign-save').click();
      await poll(() => page.getByTestId('assignments-error').textContent()).toContain('须注明来源');
      await expect(page.getByTestId('assignment-error').first().textContent()).resolves.toContain('2023');
      expect((await byName(AIR)).evaluation.status).toBe('not_assessable');
      await shot('assignments-refused');

      await page.getByTestId('assign-note-1').fill('省生态环境厅下达2023年目标');
      await page.getByTestId('assign-save').click();
      await poll(() => page.getByTestId('period-status').textContent()).toBe('已实现');
      await expect(page.getByTestId('period-reason').textContent()).resolves.toContain('省');
      // the year table judges each year against its own assignment
      const years = page.locator('[data-testid=year-table] tbody tr.ant-table-row');
      await poll(() => years.filter({ hasText: '2023' }).textContent()).toContain('未达标');
      await expect(years.filter({ hasText: '2022' }).textContent()).resolves.toContain('无法评估');
      // saved rows come back in year order; the 2024 row links to the quoted place in the plan
      await expect(page.getByTestId('assign-evidence-1').textContent()).resolves.toContain('yuncheng-14th');
      await expect(page.getByTestId('history-table').textContent()).resolves.toContain('省下达目标');
      await shot('assignments-saved');
      await shot('assignments-saved-full', true);

      const after = await byName(AIR);
      expect(after.evaluation.status).toBe('achieved');
      expect(after.evaluation.expected).toBe(Math.floor(v2024.value) - 1);
    });

    it('shows the bilingual conflict when a colleague saved the assignments meanwhile', async () => {
      const air = await byName(AIR);
      // a colleague changes 2023 while this page still shows the previous version
      const res = await api(`/api/indicators/${air.indicator.id}/assignments`, {
        method: 'PUT',
        body: {
          version: air.indicator.version,
          assignments: [{ year: 2023, value: 60, note: '同事更正：省厅2023年正式下达数' }],
        },
      });
      expect(res.status).toBe(200);
      await numberInput('assign-value-0').fill('70');
      await page.getByTestId('assign-save').click();
      const conflict = page.getByTestId('assignments-conflict');
      await poll(() => conflict.textContent()).toContain('已被修改');
      await expect(conflict.textContent()).resolves.toContain('was changed');
      await expect(conflict.textContent()).resolves.toContain('The latest version is shown now');
      // the table shows the colleague's version now, not the stale edit
      await poll(() => page.getByTestId('assign-note-0').inputValue()).toBe('同事更正：省厅2023年正式下达数');
      await expect(page.locator('[data-testid=assignments-table] tbody tr.ant-table-row').count()).resolves.toBe(1);
      await shot('assignments-conflict');
    });

    it('makes an indicator quarterly and picks a quarter on the list', async () => {
      const q = await byName(QUARTERLY);
      await page.goto(`${server.url}/indicators/${q.indicator.id}`);
      await page.getByTestId('frequency-select').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="按季度"]').click();
      await page.getByTestId('owner-save').click();
      await poll(async () => (await byName(QUARTERLY)).indicator.frequency).toBe('quarter');
      await poll(() => page.getByTestId('history-table').textContent()).toContain('按季度');
      // the detail page follows it quarter by quarter now, and offers the quarters to evaluate
      const periods = page.locator('[data-testid=year-table] tbody tr.ant-table-row');
      await poll(() => periods.count()).toBe(20);
      await expect(periods.first().textContent()).resolves.toContain('2021年第1季度');
      await page.getByTestId('detail-period-select').click();
      await pickByTyping('2024年第2', '2024年第2季度');
      await page.waitForURL(/period=2024Q2/);
      await page.getByTestId('period-status').waitFor();
      await shot('detail-quarterly');

      await page.goto(`${server.url}/plans/${planId}/indicators`);
      const rows = page.locator('[data-testid=indicator-table] tbody tr.ant-table-row');
      await poll(() => rows.count()).toBe(37);
      await page.getByTestId('period-select').click();
      await expect(page.locator('.ant-select-dropdown:visible').textContent()).resolves.toContain('季度');
      await pickByTyping('2024年第3', '2024年第3季度');
      await page.waitForURL(/period=2024Q3/);
      await poll(() => rows.count()).toBe(37);
      await poll(() => page.getByTestId('period-select').textContent()).toContain('2024年第3季度');
      // a yearly indicator shows its latest year at a quarter: "2023年值"
      await poll(() => page.getByTestId('indicator-table').textContent()).toContain('2023年值');
      await shot('list-quarter');
      // the cockpit keeps the quarter
      await page.getByTestId('indicator-nav').getByText('驾驶舱').click();
      await page.getByTestId('status-cards').waitFor();
      await poll(() => page.getByTestId('period-select').textContent()).toContain('2024年第3季度');
      await expect(page.getByTestId('count-total').textContent()).resolves.toContain('37');
      await shot('cockpit-quarter');
    });

    it('loads the entry page with one values request, offers quarters for the quarterly indicator, and saves', async () => {
      const q = await byName(QUARTERLY);
      const requests: string[] = [];
      const onRequest = (r: Request) => {
        if (r.url().includes('/api/')) requests.push(new URL(r.url()).pathname);
      };
      page.on('request', onRequest);
      await page.goto(`${server.url}/plans/${planId}/entry?period=2024`);
      const table = page.locator('[data-testid=entry-table] tbody tr.ant-table-row');
      await poll(() => table.count()).toBe(37);
      const input = page.getByTestId(`value-input-${q.indicator.id}`);
      await poll(() => input.isEnabled()).toBe(true);
      await page.waitForLoadState('networkidle');
      page.off('request', onRequest);
      expect(requests.filter((p) => /\/api\/plans\/\d+\/values$/.test(p))).toHaveLength(1);
      // no request per indicator any more
      expect(requests.filter((p) => /\/api\/indicators\/\d+$/.test(p))).toEqual([]);

      // the quarterly row records a quarter of 2024 (the first with no value), the yearly rows 2024
      const period = page.getByTestId(`period-${q.indicator.id}`);
      await expect(period.getAttribute('data-period')).resolves.toBe('2024Q1');
      await page.getByTestId(`period-pick-${q.indicator.id}`).click();
      // the dropdown opens with an animation: wait for its options instead of reading them at once
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await poll(() => options.allTextContents()).toEqual([
        '2024年第1季度',
        '2024年第2季度',
        '2024年第3季度',
        '2024年第4季度',
      ]);
      await chooseOption(
        page,
        page.getByTestId(`period-pick-${q.indicator.id}`),
        '2024年第3季度',
        async () => (await period.getAttribute('data-period')) === '2024Q3',
      );
      await input.fill('5.1');
      await page.getByTestId(`note-input-${q.indicator.id}`).fill('三季度调查数');
      await page.getByTestId(`save-${q.indicator.id}`).click();
      await poll(() => page.getByTestId(`state-${q.indicator.id}`).getAttribute('data-state')).toBe('draft');
      await page.getByTestId(`period-${q.indicator.id}`).scrollIntoViewIfNeeded();
      await shot('entry-quarter-saved');
      const stored = (await api<{ items: Value[] }>(`/api/plans/${planId}/values?period=2024Q3`)).body.items;
      expect(stored.find((v) => v.indicatorId === q.indicator.id)).toMatchObject({
        period: '2024Q3',
        value: 5.1,
        state: 'draft',
        regionCode: '140800',
      });
    });

    it('shows the conflict in both languages when a value was changed by someone else', async () => {
      const q = await byName(QUARTERLY);
      const [mine] = (await api<{ items: Value[] }>(`/api/plans/${planId}/values?period=2024Q3`)).body.items.filter(
        (v) => v.indicatorId === q.indicator.id,
      ) as Value[];
      expect(mine?.period).toBe('2024Q3');
      const res = await api(`/api/indicators/${q.indicator.id}/values`, {
        method: 'POST',
        body: { regionCode: '140800', period: '2024Q3', value: 5.2, note: '同事改为快报数', version: mine?.version },
      });
      expect(res.status).toBe(200);
      await page.getByTestId(`value-input-${q.indicator.id}`).fill('5.0');
      await page.getByTestId(`save-${q.indicator.id}`).click();
      const error = page.getByTestId(`value-error-${q.indicator.id}`);
      await poll(() => error.textContent()).toContain('已被他人修改');
      await expect(error.textContent()).resolves.toContain('was changed by someone else');
      await shot('entry-conflict');
    });

    it('shows each value with its evidence, note, state and who; the link opens the document at the place', async () => {
      const air = await byName(AIR);
      const docs = (await api<{ items: { id: number; fileName: string }[] }>('/api/documents')).body.items;
      const news = docs.find((d) => d.fileName.startsWith('000')) as { id: number };
      const text = (await api<{ text: string }>(`/api/documents/${news.id}/text`)).body.text;
      const quote = text.match(/[^。\n]*大气污染综合治理攻坚战[^。\n]*。/)?.[0] as string;
      expect(quote).toBeTruthy();
      const start = text.indexOf(quote);
      const recorded = await api<{ value: Value }>(`/api/indicators/${air.indicator.id}/values`, {
        method: 'POST',
        body: {
          regionCode: '140800',
          period: '2025',
          value: 70.2,
          note: '据运城日报报道',
          evidence: { documentId: news.id, start, end: start + quote.length, text: quote },
        },
      });
      expect(recorded.status).toBe(200);

      await page.goto(`${server.url}/indicators/${air.indicator.id}`);
      const table = page.getByTestId('values-evidence');
      await table.waitFor();
      const row2025 = table.locator('tbody tr.ant-table-row', { hasText: '2025年' });
      await expect(row2025.textContent()).resolves.toContain('据运城日报报道');
      await expect(row2025.textContent()).resolves.toContain('草稿');
      await expect(row2025.textContent()).resolves.toContain('admin');
      // the generated values say so
      await expect(table.locator('tbody tr.ant-table-row', { hasText: '2021年' }).textContent()).resolves.toContain(
        '示例数据',
      );
      await page.getByTestId('values-card').scrollIntoViewIfNeeded();
      await shot('values-evidence');
      await row2025.getByTestId('evidence-link').click();
      await page.waitForURL(new RegExp(`/documents/${news.id}\\?start=${start}&end=${start + quote.length}`));
      // the marked words are the quote (a mark per run when the place spans runs), scrolled into view
      const marks = page.getByTestId('doc-highlight');
      await poll(async () => (await marks.allTextContents()).join('')).toBe(quote);
      await poll(() => marks.first().isVisible()).toBe(true);
      await shot('document-highlight');
    });

    it('shows the assignments, the period status and the evidence in English', async () => {
      const air = await byName(AIR);
      await page.locator('.app-lang').getByText('English', { exact: true }).click();
      await page.goto(`${server.url}/indicators/${air.indicator.id}?period=2024`);
      const card = page.getByTestId('assignments-card');
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain('Provincial assignments');
      await expect(card.textContent()).resolves.toContain('Met when the actual value is ≥ the assignment');
      // the colleague's version kept only 2023, so 2024 is not assessable again, and 2023 (60) is met
      await poll(() => page.getByTestId('period-status').textContent()).toBe('not assessable');
      await expect(page.getByTestId('period-reason').textContent()).resolves.toContain('has not been entered');
      const values = page.getByTestId('values-evidence');
      await expect(values.textContent()).resolves.toContain('Demo data');
      await expect(values.textContent()).resolves.toContain('Open the text');
      // states in English (the notes are the users' own words and stay as written)
      const states = await values.locator('[data-state]').allTextContents();
      expect(states).toContain('approved');
      expect(states.join('')).not.toMatch(/[已草审]/);
      await shot('english-detail', true);
      await page.locator('.app-lang').getByText('中文', { exact: true }).click();
    });

    it('logged no errors in the browser console', () => {
      // the 422 of the refused assignments and the 409s of the conflicts are the answers the test asked for
      expect(consoleErrors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
    });
  },
);
