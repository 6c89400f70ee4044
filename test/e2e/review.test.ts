import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The browser part of issue 4: a planning-office user reviews what Lantu extracted from the demo plan —
 * indicator tables with parsed cells, sources, a correction, a deletion and restore, an added commitment,
 * re-extraction that keeps the correction, publishing, and the English tab names. Screenshots go to
 * test-results/review/.
 */

const SHOTS = path.join(REPO, 'test-results', 'review');
const DEMO_TITLE = '运城市国民经济和社会发展的第十四个五年规划和2035年远景目标纲要';
const DRAFT_TITLE = '盐湖区“十四五”规划纲要（待审稿）';

const executablePath = chromiumPath();

describe.skipIf(!executablePath)('browser: plan review', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];

  const shot = async (name: string, opts: { fullPage?: boolean } = {}) => {
    step += 1;
    await page.waitForTimeout(500); // let antd's open/close animations finish
    await page.screenshot({
      path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: opts.fullPage ?? false,
    });
  };
  const tab = (kind: string) => page.getByTestId(`tab-${kind}`);
  const box2 = () => page.locator('[data-testid=indicator-table][data-box="专栏2"]');
  const rowOf = (scope: Locator, testId: string, text: string) =>
    scope.locator(`[data-testid=${testId}]`, { hasText: text }).first();

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 15_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the demo plan with the outline as the first tab and counts on the review tabs', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await page.locator('[data-testid=outline-tree]').waitFor();
    const tabs = await page.locator('.plan-tabs .ant-tabs-tab').allTextContents();
    expect(tabs[0]).toBe('纲目');
    expect(tabs.slice(1).map((x) => x.replace(/\d+/g, ''))).toEqual(['指标', '项目', '产业链', '开发区', '承诺']);
    await expect.poll(() => tab('indicator').textContent()).toBe('指标83');
    await expect(tab('zone').textContent()).resolves.toBe('开发区12');
    await shot('plan-tabs');
  });

  it('shows 专栏2 with 37 indicator rows, grouped by category, with the parsed tags', async () => {
    await tab('indicator').click();
    await box2().waitFor();
    await expect(box2().locator('[data-testid=indicator-row]').count()).resolves.toBe(37);
    await expect(box2().locator('[data-testid=category-row]').first().textContent()).resolves.toContain('经济发展');
    const firms = rowOf(box2(), 'indicator-row', '规上工业企业数量');
    const cumulative = firms.locator('[data-cell-kind=cumulative]');
    await expect(cumulative.textContent()).resolves.toBe('[1300]累计 1300');
    const employed = rowOf(box2(), 'indicator-row', '从业人员持证率');
    await expect(employed.locator('[data-cell-kind=bound]').textContent()).resolves.toBe('>50下限 >50');
    const forest = rowOf(box2(), 'indicator-row', '森林覆盖率');
    await expect(forest.locator('[data-cell-kind=otherYear]').textContent()).resolves.toBe('29.2*2019年值');
    await expect(forest.textContent()).resolves.toContain('约束性');
    const provincial = rowOf(box2(), 'indicator-row', '单位GDP能源消耗降低');
    await expect(provincial.locator('[data-cell-kind=provincial]').textContent()).resolves.toContain('省下达');
    // 专栏1 shows its sub-indicators under their parent
    const box1 = page.locator('[data-testid=indicator-table][data-box="专栏1"]');
    await expect(box1.locator('.ind-row-parent', { hasText: '城镇化率' }).count()).resolves.toBe(1);
    await shot('indicators');
    await box2().scrollIntoViewIfNeeded();
    await shot('indicators-box-2');
  });

  it('shows the source row of an indicator highlighted in its table', async () => {
    await rowOf(box2(), 'indicator-row', '规上工业企业数量').getByTestId('item-source').click();
    const dialog = page.locator('.source-dialog');
    await dialog.getByTestId('source-dialog-body').waitFor();
    const hit = dialog.locator('tr.source-hit');
    await expect(hit.count()).resolves.toBe(1);
    await expect(hit.textContent()).resolves.toContain('规上工业企业数量');
    await expect(hit.textContent()).resolves.toContain('[1300]');
    await expect(dialog.getByTestId('source-where').textContent()).resolves.toContain('专栏2');
    // the surrounding rows are there too
    await expect(dialog.locator('tr').count()).resolves.toBeGreaterThan(30);
    await shot('indicator-source');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('corrects the name of an indicator and shows it as 已更正', async () => {
    const row = rowOf(box2(), 'indicator-row', '体育人口占比');
    await row.getByTestId('item-correct').click();
    const dialog = page.locator('.edit-dialog');
    await dialog.getByTestId('edit-name').waitFor();
    await expect(dialog.getByTestId('edit-name').inputValue()).resolves.toBe('体育人口占比');
    await dialog.getByTestId('edit-name').fill('经常参加体育锻炼人口比例');
    await shot('indicator-correct-form');
    await dialog.getByTestId('edit-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const corrected = rowOf(box2(), 'indicator-row', '经常参加体育锻炼人口比例');
    await expect.poll(() => corrected.getAttribute('data-state')).toBe('corrected');
    await expect(corrected.getByTestId('state-tag').textContent()).resolves.toBe('已更正');
    // the parsed values are unchanged
    await expect(corrected.locator('[data-cell-kind=number]').allTextContents()).resolves.toEqual(['33.68', '40']);
    await corrected.scrollIntoViewIfNeeded();
    // hovering the state tells who corrected it and what was extracted
    await corrected.getByTestId('state-tag').hover();
    const tip = page.locator('.ant-tooltip', { hasText: '原抽取值' });
    await tip.waitFor();
    await expect(tip.textContent()).resolves.toContain('体育人口占比');
    await shot('indicator-corrected');
  });

  it('refuses a stale edit with the bilingual message and shows the latest version', async () => {
    // someone else changes the item after this page loaded it
    const row = rowOf(box2(), 'indicator-row', '城镇登记失业率');
    const itemId = await row.getAttribute('data-item-id');
    const planId = new URL(page.url()).pathname.split('/')[2];
    const list = (await (await fetch(`${server.url}/api/plans/${planId}/items?kind=indicator`)).json()) as {
      items: { id: number; version: number; data: Record<string, unknown> }[];
    };
    const item = list.items.find((i) => String(i.id) === itemId);
    const { status } = await fetch(`${server.url}/api/plans/${planId}/items/${itemId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: item?.version, data: { ...item?.data, name: '城镇调查失业率' } }),
    });
    expect(status).toBe(200);
    await row.getByTestId('item-correct').click();
    const dialog = page.locator('.edit-dialog');
    await dialog.getByTestId('edit-name').fill('城镇登记失业率（本人修改）');
    await dialog.getByTestId('edit-save').click();
    const warning = page.locator('.ant-message-notice', { hasText: '已被他人修改' });
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('城镇调查失业率');
    await shot('stale-edit');
    await dialog.waitFor({ state: 'hidden' });
    await warning.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect
      .poll(() => box2().locator(`[data-item-id="${itemId}"] [data-testid=indicator-name]`).textContent())
      .toBe('城镇调查失业率');
  });

  it('deletes a zone and restores it', async () => {
    await tab('zone').click();
    const zone = rowOf(page.getByTestId('zones-tab'), 'zone-row', '盐湖高新区');
    await zone.waitFor();
    await expect(zone.textContent()).resolves.toContain('石药银湖');
    await zone.getByTestId('item-delete').click();
    await expect.poll(() => zone.getAttribute('data-state')).toBe('deleted');
    await expect(zone.getByTestId('state-tag').textContent()).resolves.toBe('已删除');
    await expect.poll(() => tab('zone').textContent()).toBe('开发区11');
    await shot('zone-deleted');
    await zone.getByTestId('item-restore').click();
    await expect.poll(() => zone.getAttribute('data-state')).toBe('extracted');
    await expect(zone.getByTestId('state-tag').textContent()).resolves.toBe('已抽取');
    await expect.poll(() => tab('zone').textContent()).toBe('开发区12');
    await shot('zone-restored');
  });

  it('shows project boxes, clusters with their chains, and commitments', async () => {
    await tab('project').click();
    const projects = page.getByTestId('projects-tab');
    await projects.locator('[data-testid=project-row]').first().waitFor();
    await expect(projects.locator('[data-testid=project-box]').first().textContent()).resolves.toContain('专栏3');
    await shot('projects');
    await projects.getByPlaceholder('按名称').fill('蒲州故城');
    await expect.poll(() => projects.locator('[data-testid=also-in]').count()).toBeGreaterThan(0);
    await shot('projects-filtered');

    await tab('cluster').click();
    const clusters = page.getByTestId('clusters-tab');
    const steel = rowOf(clusters, 'cluster-card', '精品钢产业集群');
    await steel.waitFor();
    await expect(steel.locator('[data-testid=chain-segment]').allTextContents()).resolves.toEqual([
      '高炉炼铁',
      '转炉炼钢',
      '连铸/热轧',
      '线材/棒材/板材',
      '建筑钢/金属制品',
    ]);
    const auto = rowOf(clusters, 'cluster-card', '汽车产业集群');
    await expect(auto.locator('[data-chain-kind=spatial]').textContent()).resolves.toContain('空间布局链');
    await shot('clusters');
  });

  it('adds a commitment', async () => {
    await tab('commitment').click();
    const commitments = page.getByTestId('commitments-tab');
    await commitments.locator('[data-testid=commitment-row]').first().waitFor();
    await shot('commitments');
    // a commitment's source is a sentence: it is marked inside its paragraph
    await rowOf(commitments, 'commitment-row', '二产占比').getByTestId('item-source').click();
    const source = page.locator('.source-dialog');
    const mark = source.locator('mark.source-hit');
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toContain('二产占比达到 50% 左右');
    await expect(source.getByTestId('source-where').textContent()).resolves.toContain('发展目标');
    await shot('commitment-source');
    await page.keyboard.press('Escape');
    await source.waitFor({ state: 'hidden' });
    await commitments.getByTestId('add-item').click();
    const dialog = page.locator('.edit-dialog');
    await dialog.getByTestId('edit-name').waitFor();
    await dialog.getByTestId('edit-name').fill('新建5G基站');
    await dialog.getByTestId('edit-valueText').fill('1万个以上');
    // the figure as written fills in its reading
    await expect.poll(() => dialog.getByTestId('edit-value').inputValue()).toBe('10000');
    await expect(dialog.getByTestId('edit-unit').inputValue()).resolves.toBe('个');
    await dialog.getByTestId('edit-deadline').fill('2025');
    await shot('commitment-add-form');
    await dialog.getByTestId('edit-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const added = rowOf(commitments, 'commitment-row', '新建5G基站');
    await added.waitFor();
    await expect(added.getAttribute('data-state')).resolves.toBe('added');
    await expect(added.getByTestId('state-tag').textContent()).resolves.toBe('人工添加');
    await expect(added.textContent()).resolves.toContain('2025年前');
    await expect(added.getByTestId('commitment-parsed').textContent()).resolves.toBe('≥ 1万个');
    await added.scrollIntoViewIfNeeded();
    await shot('commitment-added');
  });

  it('re-extracts and keeps the correction', async () => {
    await page.getByTestId('reextract').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重新抽取' }).click();
    const summary = page.getByTestId('reextract-summary');
    await summary.waitFor({ timeout: 60_000 });
    await expect(summary.textContent()).resolves.toContain('新增 0 条');
    await shot('reextract-summary');
    await page.locator('.ant-modal-confirm').getByRole('button').click();
    await tab('indicator').click();
    const corrected = rowOf(box2(), 'indicator-row', '经常参加体育锻炼人口比例');
    await expect(corrected.getAttribute('data-state')).resolves.toBe('corrected');
    await tab('commitment').click();
    await rowOf(page.getByTestId('commitments-tab'), 'commitment-row', '新建5G基站').waitFor();
  });

  it('shows a table issue as a warning and publishes a draft plan after confirmation', async () => {
    // the demo plan is published when it is loaded; import a draft of the same text to publish
    // (a county's copy of the first three chapters, which hold 专栏1 and 专栏2)
    const full = readFileSync(path.join(REPO, 'samples', 'yuncheng-14th-five-year-plan.txt'), 'utf8');
    const bodyStart = full.indexOf('\n第一章', full.indexOf('第一章') + 3);
    const text = `${DRAFT_TITLE}\n${full.slice(bodyStart, full.indexOf('\n第四章', bodyStart))}\n`;
    const form = new FormData();
    form.append('regionCode', '140802');
    form.append('periodStart', '2021');
    form.append('periodEnd', '2025');
    form.append('title', DRAFT_TITLE);
    form.append('file', new Blob([text], { type: 'text/plain' }), 'draft.txt');
    const res = await fetch(`${server.url}/api/plans/import`, { method: 'POST', body: form });
    expect(res.status).toBeLessThan(300);
    const { plan } = (await res.json()) as { plan: { id: number } };
    // this draft's tables come with an issue, as a damaged table would (the demo's tables have none)
    await page.route('**/api/plans/*/items?kind=indicator_table', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const item of body.items) {
        if (item.data.box === '专栏2') {
          item.data.issues = [
            { kind: 'categoryCountMismatch', category: '经济发展', stated: 8, found: 7, message: '' },
          ];
        }
      }
      await route.fulfill({ response, json: body });
    });
    // navigate inside the app (no reload: other runs in this checkout may rebuild web/dist meanwhile)
    await page.evaluate(
      `history.pushState({}, '', '/plans/${plan.id}?tab=indicators'); dispatchEvent(new PopStateEvent('popstate'))`,
    );
    await expect.poll(() => page.getByTestId('plan-title').textContent()).toBe(DRAFT_TITLE);
    await box2().waitFor({ timeout: 30_000 });
    await expect(box2().getByTestId('table-issue').textContent()).resolves.toContain(
      '“经济发展”标注 8 项，实际识别出 7 项',
    );
    await expect(box2().getByTestId('category-issue').count()).resolves.toBe(1);
    await box2().getByTestId('category-issue').scrollIntoViewIfNeeded();
    await shot('table-issue');
    await page.unroute('**/api/plans/*/items?kind=indicator_table');
    await expect(page.getByTestId('plan-status').textContent()).resolves.toBe('草稿');
    await page.getByTestId('publish').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('发布这份规划');
    await shot('publish-confirm');
    await confirm.getByRole('button', { name: /^发\s*布$/ }).click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('已发布');
    await expect(page.getByTestId('publish').isDisabled()).resolves.toBe(true);
    await shot('published');
  });

  it('shows the tab names in English', async () => {
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await expect.poll(() => tab('outline').textContent()).toBe('Outline');
    const tabs = await page.locator('.plan-tabs .ant-tabs-tab').allTextContents();
    expect(tabs.map((x) => x.replace(/\d+/g, ''))).toEqual([
      'Outline',
      'Indicators',
      'Projects',
      'Chains',
      'Zones',
      'Commitments',
    ]);
    await tab('indicator').click();
    await box2().waitFor();
    await expect(rowOf(box2(), 'indicator-row', '规上工业企业数量').textContent()).resolves.toContain(
      'cumulative 1300',
    );
    await expect(page.getByTestId('plan-status').textContent()).resolves.toBe('Published');
    await shot('english-indicators');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
  });

  it('logged no errors in the browser console', () => {
    // the 409 the stale edit provoked on purpose shows up as a failed resource load; anything else is a bug
    const unexpected = consoleErrors.filter((m) => !/status of 409/.test(m));
    expect(unexpected.map((m) => m.slice(0, 300))).toEqual([]);
  });
});
