import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * Evidence by selection (issue 5): in the document reader the office selects the sentence of a statistics
 * release that states a figure, records it as the value of 地区生产总值（GDP）增长率 for 2023 (period and
 * number prefilled from the sentence), and the saved value's evidence opens the document at that place.
 * Text that could not be repaired cannot be used. Screenshots go to test-results/evidence-capture/.
 */
const SHOTS = path.join(REPO, 'test-results', 'evidence-capture');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const RELEASE = '运城市统计局 数据发布\n\n2023年，全市地区生产总值增长5.6%，森林覆盖率达到30.26%。\n';
const QUOTE = '2023年，全市地区生产总值增长5.6%';
const GDP = '地区生产总值（GDP）增长率';

const SELECT_IN_READER = `({ text, selector }) => {
  const reader = document.querySelector('[data-testid=doc-reader]');
  const range = document.createRange();
  if (selector) {
    range.selectNodeContents(reader.querySelector(selector));
  } else {
    const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent.indexOf(text);
      if (at >= 0) {
        range.setStart(n, at);
        range.setEnd(n, at + text.length);
        break;
      }
    }
  }
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
}`;

interface Value {
  indicatorId: number;
  regionCode: string;
  period: string;
  value: number;
  state: string;
  evidence: { documentId: number; start: number; end: number; text: string; rule: string } | null;
}

describe.skipIf(!executablePath)('browser: a value recorded with selected document text as evidence', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  let docId: number;
  const consoleErrors: string[] = [];

  const shot = async (name: string) => {
    step += 1;
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
  };
  const json = async <T>(url: string): Promise<T> => (await (await fetch(`${server.url}${url}`)).json()) as T;
  /**
   * Selects `text` (or the node matched by `selector`) in the reader as a user's drag would, then releases.
   * Written as page source: this project's TypeScript has no DOM types outside web/.
   */
  const select = (arg: { text?: string; selector?: string }) =>
    page.evaluate(`(${SELECT_IN_READER})(${JSON.stringify(arg)})`);

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    const form = new FormData();
    form.append('file', new Blob([RELEASE], { type: 'text/plain' }), 'yuncheng-stats-2023.txt');
    const res = await fetch(`${server.url}/api/documents`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    docId = ((await res.json()) as { document: { id: number } }).document.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('selecting the sentence offers it as evidence; the form is prefilled with 2023 and 5.6', async () => {
    await page.goto(`${server.url}/documents/${docId}`);
    await page.getByTestId('doc-reader').waitFor();
    await select({ text: QUOTE });
    const capture = page.getByTestId('evidence-capture');
    await poll(() => capture.getByTestId('evidence-quote').textContent()).toBe(`「${QUOTE}」`);
    await expect(capture.textContent()).resolves.toContain(`已选 ${QUOTE.length} 字`);
    await shot('selected');
    await capture.getByTestId('evidence-use').click();
    await poll(() => page.getByTestId('evidence-period').inputValue()).toBe('2023');
    await expect(page.getByTestId('evidence-value').inputValue()).resolves.toBe('5.6');
  });

  it('records the value as a draft whose evidence is the selection, quoted by the server', async () => {
    const plan = 1;
    const list = await json<{ items: { indicator: { id: number; name: string; unit: string } }[] }>(
      `/api/plans/${plan}/indicators?period=2023`,
    );
    const gdp = list.items.find((i) => i.indicator.name === GDP)!.indicator;
    await chooseOption(page, page.getByTestId('evidence-indicator'), `${gdp.name}（${gdp.unit}）`, async () =>
      ((await page.getByTestId('evidence-form').textContent()) ?? '').includes(gdp.name),
    );
    // the demo has a 2023 value: the form says it will be replaced
    await poll(() => page.getByTestId('evidence-existing').textContent()).toContain('已有数值');
    await page.getByTestId('evidence-note').fill('市统计局数据发布');
    await shot('form');
    await page.getByTestId('evidence-save').click();
    await poll(() => page.getByTestId('evidence-saved').textContent()).toContain(`已保存为草稿：${GDP} 2023 = 5.6`);
    await shot('saved');
    const values = await json<{ items: Value[] }>(`/api/plans/${plan}/values?region=140800&period=2023`);
    const saved = values.items.find((v) => v.indicatorId === gdp.id)!;
    const text = (await json<{ text: string }>(`/api/documents/${docId}/text`)).text;
    expect(saved).toMatchObject({ value: 5.6, state: 'draft', period: '2023', regionCode: '140800' });
    expect(saved.evidence).toMatchObject({ documentId: docId, text: QUOTE, rule: 'document.selection' });
    expect(text.slice(saved.evidence!.start, saved.evidence!.end)).toBe(QUOTE);

    // where the number comes from: the document opens at the selection
    await page.goto(`${server.url}/documents/${docId}?start=${saved.evidence!.start}&end=${saved.evidence!.end}`);
    await poll(() => page.getByTestId('doc-highlight').textContent()).toBe(QUOTE);
  });

  it('text that could not be repaired cannot be used as evidence', async () => {
    const docs = await json<{ items: { id: number; fileName: string }[] }>('/api/documents');
    const traditional = docs.items.find((d) => d.fileName.startsWith('002'))!;
    await page.goto(`${server.url}/documents/${traditional.id}`);
    await page.locator('mark.doc-damaged').first().waitFor();
    await select({ selector: 'mark.doc-damaged' });
    const capture = page.getByTestId('evidence-capture');
    await poll(() => capture.textContent()).toContain('所选文字含有无法修复的乱码，不能作为依据。');
    await expect(capture.getByTestId('evidence-use').isDisabled()).resolves.toBe(true);
    await shot('damaged');
    expect(consoleErrors).toEqual([]);
  });
});
