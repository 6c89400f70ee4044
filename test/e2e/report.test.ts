import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The browser part of issue 7: a planning-office user opens the demo plan's annual monitoring report for
 * 2024, reads it as a document (title, places to fill in, charts, the annex table of 37 indicators),
 * downloads the Word draft, looks at a county, and switches to English. Screenshots go to
 * test-results/report/.
 */

const SHOTS = path.join(REPO, 'test-results', 'report');
const TITLE = '运城市“十四五”规划纲要实施情况2024年度监测评估报告';

const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

describe.skipIf(!executablePath)('browser: annual monitoring report', () => {
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

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const plans = (await (await fetch(`${server.url}/api/plans`)).json()) as {
      items: { id: number; isDemo: boolean }[];
    };
    planId = String(plans.items.find((p) => p.isDemo)?.id);
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, {
      timeout: 20_000,
      acceptDownloads: true,
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reaches the report from the plan page', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const link = page.getByTestId('plan-report-link');
    await link.waitFor();
    await expect(link.textContent()).resolves.toContain('年度报告');
    await shot('plan-header');
    await link.click();
    await page.waitForURL(/\/plans\/\d+\/report/);
  });

  it('shows the 2024 report as a document: title, places to fill in, charts, annex of 37 indicators', async () => {
    await page.getByTestId('report-document').waitFor();
    await expect(page.getByTestId('report-year').textContent()).resolves.toContain('2024');
    await expect(page.getByTestId('report-region').textContent()).resolves.toContain('运城市');
    await poll(() => page.getByTestId('report-title').textContent()).toBe(TITLE);

    const fills = page.getByTestId('report-fill');
    await expect(fills.count()).resolves.toBeGreaterThan(3);
    await expect(fills.first().textContent()).resolves.toMatch(/^【待补充/);
    await expect(page.getByTestId('report-fill-count').textContent()).resolves.toMatch(/待补充 \d+ 处/);

    await page.locator('[data-testid=report-chart-status] canvas').first().waitFor();
    await expect(page.locator('[data-testid^=report-chart-] canvas').count()).resolves.toBeGreaterThanOrEqual(2);

    await expect(page.getByTestId('report-category').count()).resolves.toBeGreaterThanOrEqual(4);
    const doc = (await page.getByTestId('report-document').textContent()) ?? '';
    expect(doc).toContain('一、总体情况');
    expect(doc).toContain('地区生产总值（GDP）增长率');
    expect(doc).toContain('评估为“滞后”');

    const behind = page.locator('[data-testid=behind-table] tbody tr');
    await expect(behind.count()).resolves.toBeGreaterThan(5);
    await expect(behind.first().textContent()).resolves.toContain('剩余年份需年均增长');

    const annex = page.locator('[data-testid=annex-table] tbody tr');
    await expect(annex.count()).resolves.toBe(37);
    await expect(page.locator('[data-testid=annex-table] thead').textContent()).resolves.toContain('规划目标');
    await expect(page.locator('[data-testid=sources-table] tbody tr').count()).resolves.toBe(37);
    await expect(page.getByTestId('sources-table').textContent()).resolves.toContain('示例数据');
    await shot('report-2024');
    await shot('report-2024-full', true);
    // each part from its top, below the app's fixed header
    const parts = ['report-chart-status', 'report-category', 'behind-table', 'annex-table', 'sources-table'];
    for (const id of [...parts.slice(0, 2), 'chart-path', ...parts.slice(2)]) {
      const sel = id === 'chart-path' ? '[data-chart-kind=path]' : `[data-testid=${id}]`;
      await page.evaluate(`document.querySelector('${sel}').scrollIntoView({ block: 'start' }); scrollBy(0, -120);`);
      await shot(`part-${id}`);
    }

    // the next place to fill in is brought into view
    await page.getByTestId('report-fill-next').click();
    await page.getByTestId('report-fill-next').click();
    await shot('report-next-fill');
  });

  it('downloads the Word draft (a zip file, PK…)', async () => {
    await page.getByTestId('report-page-title').scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(10_000);
    await poll(() => page.locator('.ant-message').textContent()).toContain('已生成');
    await shot('download-docx');
  });

  it('shows a progress indicator while the file is generated', async () => {
    // hold the answer back a moment so the indicator can be seen
    await page.route('**/reports/annual.docx*', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const downloaded = page.waitForEvent('download');
    await page.getByTestId('download-docx').click();
    await poll(() => page.locator('.ant-message').textContent()).toContain('正在生成Word 稿');
    await expect(page.getByTestId('download-docx').getAttribute('class')).resolves.toContain('ant-btn-loading');
    await expect(page.getByTestId('download-pdf').isDisabled()).resolves.toBe(true);
    await shot('download-generating');
    await downloaded;
    await poll(() => page.getByTestId('download-docx').getAttribute('class')).not.toContain('ant-btn-loading');
    await page.unroute('**/reports/annual.docx*');
  });

  it('downloads the Excel ledger', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('指标台账-2024.xlsx');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('shows a county’s report when the region changes', async () => {
    await page.getByTestId('report-region').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option[title="盐湖区"]').click();
    await page.waitForURL(/region=\d{6}/);
    await poll(() => page.getByTestId('report-title').textContent()).toContain('（盐湖区）');
    await page.evaluate('scrollTo(0, 0)');
    await expect(page.locator('[data-testid=annex-table] tbody tr').count()).resolves.toBeGreaterThan(0);
    await shot('report-county');
  });

  it('switches the controls to English and says the report stays Chinese', async () => {
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await poll(() => page.getByTestId('report-page-title').textContent()).toBe('Annual monitoring report');
    await expect(page.getByTestId('report-language-note').textContent()).resolves.toContain('stays in Chinese');
    await expect(page.getByTestId('download-docx').textContent()).resolves.toContain('Word');
    await expect(page.getByTestId('report-title').textContent()).resolves.toContain('年度监测评估报告');
    await page.evaluate('scrollTo(0, 0)');
    await shot('report-english');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
  });

  it('shows the bilingual error when a download fails', async () => {
    // the PDF needs LibreOffice on the server; answer as a server without it does (REPORT_PDF_UNAVAILABLE)
    await page.route('**/reports/annual.pdf*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'REPORT_PDF_UNAVAILABLE',
            message: 'PDF unavailable',
            messageZh: '本机未安装 LibreOffice，无法生成 PDF（可下载 Word 版）',
            messageEn: 'LibreOffice is not installed here, so no PDF can be made (the Word version is available)',
          },
        }),
      }),
    );
    await page.getByTestId('download-pdf').click();
    const err = page.getByTestId('download-error');
    await poll(() => err.textContent()).toContain('未安装 LibreOffice');
    await expect(err.getAttribute('data-error-code')).resolves.toBe('REPORT_PDF_UNAVAILABLE');
    await shot('download-pdf-error');
    await page.unroute('**/reports/annual.pdf*');
  });

  it('logged no errors in the browser console', () => {
    // the 503 of the PDF is the answer the test asked for
    expect(consoleErrors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  });
});
