import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, LANTU_BIN, REPO, type RunningServer, startServer } from '../helpers/server.ts';
import { readDocx, tables, textOf } from '../unit/reports/docx-xml.ts';

/**
 * Issue 6, the bulletin (通报): the project office opens 季度通报, drafts the 2024 Q3 bulletin, reads it as a
 * document (红头, title, ranking, red and yellow lists), rewrites a paragraph, removes a red-list entry and
 * adds one by hand, issues it, sees it frozen, and downloads the Word file. Screenshots: test-results/bulletin/.
 * The CLI writes the same bulletin with `lantu bulletin`.
 */

const SHOTS = path.join(REPO, 'test-results', 'bulletin');
const TITLE = '关于2024年第三季度全市重点项目“五个一”推进情况的通报';
const executablePath = chromiumPath();

/** The parts of GET /api/bulletins/:year/:quarter this test reads. */
interface Stored {
  content: {
    redList: { key: string; project: string }[];
    yellowList: { key: string }[];
    rankings: { county: { region: { name: string } }[] };
    paragraphs: { id: string; text: string }[];
  };
}
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

describe.skipIf(!executablePath)('browser: quarterly bulletin', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.waitForTimeout(500); // antd animations
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };
  const api = async (url: string) => (await (await fetch(`${server.url}${url}`)).json()) as Stored;

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, {
      timeout: 20_000,
      acceptDownloads: true,
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens 季度通报 from the menu and drafts the 2024 Q3 bulletin', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: '季度通报' }).click();
    await page.waitForURL(/\/bulletins/);
    await page.getByTestId('bulletin-empty').waitFor();
    await expect(page.getByTestId('bulletin-year').textContent()).resolves.toContain('2024');
    await expect(page.getByTestId('bulletin-quarter').textContent()).resolves.toContain('第3季度');
    await shot('empty');
    await page.getByTestId('bulletin-draft').click();
    await page.getByTestId('bulletin-document').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('bulletin-state').textContent()).resolves.toBe('草稿 第1版');
  });

  it('shows the draft as a document: 红头, 文号, title, ranking of 13 counties, red and yellow lists', async () => {
    await expect(page.getByTestId('bulletin-mark').textContent()).resolves.toBe('运城市重点项目建设领导小组办公室文件');
    await expect(page.getByTestId('bulletin-text-docNumber').textContent()).resolves.toContain('运重项办〔');
    await expect(page.getByTestId('bulletin-text-title').textContent()).resolves.toBe(TITLE);
    await expect(page.locator('[data-testid=bulletin-rank-county] tbody tr').count()).resolves.toBe(13);
    const b = await api('/api/bulletins/2024/3');
    await expect(page.getByTestId('bulletin-entry-red').count()).resolves.toBe(b.content.redList.length);
    await expect(page.getByTestId('bulletin-entry-yellow').count()).resolves.toBe(b.content.yellowList.length);
    const firstRank = (await page.locator('[data-testid=bulletin-rank-county] tbody tr').first().textContent()) ?? '';
    expect(firstRank).toContain(b.content.rankings.county[0]?.region.name ?? '(none)');
    await expect(page.getByTestId('bulletin-fill').count()).resolves.toBeGreaterThanOrEqual(2);
    await shot('draft-top');
    await page.getByTestId('bulletin-section-ranking').scrollIntoViewIfNeeded();
    await shot('draft-ranking');
    await page.getByTestId('bulletin-list-red').scrollIntoViewIfNeeded();
    await shot('draft-red-list');
  });

  it('rewrites a paragraph inline and saves a new version', async () => {
    const section = page.getByTestId('bulletin-section-requirements');
    await section.scrollIntoViewIfNeeded();
    await page.getByTestId('bulletin-edit-requirements').click();
    const box = page.locator('[data-testid=bulletin-editing-requirements] textarea');
    await box.fill('各县（市、区）要对照通报逐项整改，红色预警项目于12月底前销号。');
    await shot('editing-paragraph');
    await page.getByTestId('bulletin-save-requirements').click();
    await poll(() => page.getByTestId('bulletin-state').textContent()).toBe('草稿 第2版');
    await expect(section.textContent()).resolves.toContain('红色预警项目于12月底前销号。');
    const b = await api('/api/bulletins/2024/3');
    expect(b.content.paragraphs.find((p: { id: string }) => p.id === 'requirements')?.text).toBe(
      '各县（市、区）要对照通报逐项整改，红色预警项目于12月底前销号。',
    );
  });

  /** The open confirmation's OK button: antd keeps closed popconfirms in the DOM, so pick the shown one. */
  const confirmPopup = async () => {
    await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary').last().click();
  };

  it('removes a red-list entry and adds one by hand', async () => {
    const before = (await api('/api/bulletins/2024/3')).content.redList;
    const first = page.getByTestId('bulletin-entry-red').first();
    await first.scrollIntoViewIfNeeded();
    await first.getByTestId('bulletin-remove-red').click();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/bulletins/2024/3') && r.request().method() === 'PATCH',
    );
    await confirmPopup();
    expect((await saved).status()).toBe(200);
    await poll(() => page.getByTestId('bulletin-state').textContent()).toBe('草稿 第3版');
    await expect(page.locator(`[data-testid=bulletin-entry-red][data-key="${before[0]?.key}"]`).count()).resolves.toBe(
      0,
    );

    await page.getByTestId('bulletin-add-red').click();
    await page.getByTestId('bulletin-add-ok').click(); // empty: the form says what is missing
    await page.getByText('请填写项目名称').waitFor();
    await page.getByTestId('bulletin-add-project').fill('盐湖区人工补充项目');
    await page.getByTestId('bulletin-add-county').fill('盐湖区');
    await page.getByTestId('bulletin-add-unit').fill('盐湖区人民政府');
    await page.getByTestId('bulletin-add-reason').fill('观摩中发现现场停工');
    await shot('add-entry');
    await page.getByTestId('bulletin-add-ok').click();
    await poll(() => page.getByTestId('bulletin-state').textContent()).toBe('草稿 第4版');
    const last = page.getByTestId('bulletin-entry-red').last();
    await expect(last.textContent()).resolves.toContain('盐湖区人工补充项目');
    await expect(last.textContent()).resolves.toContain('人工添加');
    await expect(page.getByTestId('bulletin-entry-red').count()).resolves.toBe(before.length);
    await last.scrollIntoViewIfNeeded();
    await shot('added-entry');
  });

  it('shows the bilingual error of a stale edit and reloads the stored draft', async () => {
    // someone else saves version 4 → 5 meanwhile
    const res = await fetch(`${server.url}/api/bulletins/2024/3`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 4, docNumber: '运重项办〔2024〕21号' }),
    });
    expect(res.status).toBe(200);
    await page.getByTestId('bulletin-text-title').scrollIntoViewIfNeeded();
    await page.getByTestId('bulletin-edit-title').click();
    await page.locator('[data-testid=bulletin-editing-title] textarea').fill('过期版本上的修改');
    await page.getByTestId('bulletin-save-title').click();
    const err = page.getByTestId('bulletin-error');
    await err.waitFor();
    await expect(err.getAttribute('data-error-code')).resolves.toBe('STALE_VERSION');
    await expect(err.textContent()).resolves.toContain('数据已被他人修改');
    await poll(() => page.getByTestId('bulletin-state').textContent()).toBe('草稿 第5版');
    await shot('stale-error');
    await page
      .getByRole('button', { name: /取\s*消/ })
      .first()
      .click();
    await poll(() => page.getByTestId('bulletin-text-docNumber').textContent()).toContain('运重项办〔2024〕21号');
    await expect(page.getByTestId('bulletin-text-title').textContent()).resolves.toBe(TITLE);
  });

  it('issues the bulletin; it is then frozen', async () => {
    await page.getByTestId('bulletin-issue').click();
    await confirmPopup();
    await page.getByTestId('bulletin-frozen').waitFor();
    await expect(page.getByTestId('bulletin-state').textContent()).resolves.toMatch(
      /^已印发（\d{4}-\d{2}-\d{2}，系统管理员）$/,
    );
    await expect(page.locator('[data-testid^=bulletin-edit-]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid^=bulletin-remove-]').count()).resolves.toBe(0);
    await expect(page.getByTestId('bulletin-issue').count()).resolves.toBe(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('issued');
  });

  it('downloads the issued bulletin as Word with the edits in it', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('bulletin-download-docx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
    const parts = await readDocx(readFileSync(await download.path()));
    const text = textOf(parts.document);
    expect(text).toContain('运城市重点项目建设领导小组办公室文件');
    expect(text).toContain('运重项办〔2024〕21号');
    expect(text).toContain('红色预警项目于12月底前销号。');
    const red = tables(parts.document)[2];
    expect(red?.at(-1)?.slice(1)).toEqual(['盐湖区人工补充项目', '盐湖区', '盐湖区人民政府', '观摩中发现现场停工']);
  });

  it('downloads the PDF, or says in Chinese why it cannot (no LibreOffice on the server)', async () => {
    const pdf = await fetch(`${server.url}/api/bulletins/2024/3/bulletin.pdf`);
    if (pdf.status === 200) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 200_000 }),
        page.getByTestId('bulletin-download-pdf').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${TITLE}.pdf`);
      return;
    }
    await page.getByTestId('bulletin-download-pdf').click();
    const err = page.getByTestId('download-error');
    await err.waitFor();
    await expect(err.getAttribute('data-error-code')).resolves.toBe('REPORT_PDF_UNAVAILABLE');
    await expect(err.textContent()).resolves.toContain('下载失败：本机未安装 LibreOffice');
    await shot('pdf-unavailable');
  }, 240_000);

  it('keeps the controls in English and the document in Chinese', async () => {
    await page.getByText('English', { exact: true }).click();
    await poll(() => page.getByTestId('bulletin-download-docx').textContent()).toContain('Word');
    await expect(page.getByTestId('bulletin-state').textContent()).resolves.toMatch(/^Issued \(/);
    await expect(page.getByTestId('bulletin-text-title').textContent()).resolves.toBe(TITLE);
    await shot('english');
    await page.getByText('中文', { exact: true }).click();
  });

  it('ran without console errors', () => {
    // the stale save (409) and the PDF without LibreOffice (503) fail on purpose; nothing else may
    expect(consoleErrors.filter((e) => !/status of (409|503)/.test(e))).toEqual([]);
  });
});

const run = promisify(execFile);

describe('the lantu bulletin command', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantu-cli-bulletin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lantu = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [LANTU_BIN, ...args], {
        cwd: REPO,
        env: { ...process.env, LANTU_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', LANTU_DEMO: 'on' },
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('writes the 2024 Q3 bulletin as Word, stores the draft, and refuses an unknown format in both languages', async () => {
    const out = path.join(dir, 'b.docx');
    const res = await lantu('bulletin', '--year', '2024', '--quarter', '3', '--out', out);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/已生成 关于2024年第三季度.*（草稿 v1，红榜 \d+ 个、黄榜 \d+ 个项目）/);
    const parts = await readDocx(readFileSync(out));
    expect(textOf(parts.document)).toContain(TITLE);
    expect(tables(parts.document)[0]).toHaveLength(14);

    const json = path.join(dir, 'b.json');
    const again = await lantu('bulletin', '--year', '2024', '--quarter', '3', '--out', json, '--issue');
    expect(again.code, again.stderr).toBe(0);
    const stored = JSON.parse(readFileSync(json, 'utf8'));
    expect(stored).toMatchObject({ state: 'issued', version: 2 });

    const bad = await lantu('bulletin', '--year', '2024', '--quarter', '3', '--out', path.join(dir, 'b.txt'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('错误 [UNSUPPORTED_FORMAT]');
    expect(bad.stderr).toContain('Error [UNSUPPORTED_FORMAT]');
  }, 300_000);
});
