import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPhoto } from '../../src/services/project-detail-demo.service.ts';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * The project page of issue 6 in a real browser on the real server with the demo loaded: the approvals
 * checklist (a blocked, overdue demo project; an item edited to done — refused without its permit
 * number, saved with it), then a monthly report made in the form, a refused and an accepted photo
 * upload with its thumbnail, approval, and a correction with a reason that shows version 2 and the
 * history. Screenshots go to test-results/project-detail/.
 */

const SHOTS = path.join(REPO, 'test-results', 'project-detail');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
/** Last year: its October has come and 2 November is past, whenever the test runs. */
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4)) - 1;

describe.skipIf(!executablePath)('browser: project checklist, monthly report, photos and versions', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  let projectId: number;
  const consoleErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    step += 1;
    await page.waitForTimeout(600); // antd animations
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
  };
  const row = (kind: string) => page.locator(`[data-testid=approval-table] tr[data-approval-kind=${kind}]`);
  const drawer = () => page.getByTestId('month-panel');

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
    // a demo project of the reserve library blocked on a factor: the bulletin's red list
    const blockers = (await (await fetch(`${server.url}/api/factor-blockers`)).json()) as {
      projects: Array<{ project: { id: number; library: string }; items: Array<{ status: string; kind: string }> }>;
    };
    const blocked = blockers.projects.find(
      (p) => p.project.library === 'reserve' && p.items.some((i) => i.status === 'blocked' && i.kind !== 'energy'),
    );
    expect(blocked).toBeDefined();
    projectId = blocked!.project.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the checklist with status tags, departments, the blocked item and overdue highlighted', async () => {
    await page.goto(`${server.url}/projects/${projectId}`);
    await page.getByTestId('approval-table').waitFor();
    await poll(() => page.locator('[data-testid=approval-table] tr[data-approval-kind]').count()).toBe(6);
    await expect(page.locator('[data-testid=approval-table] tr[data-status=blocked]').count()).resolves.toBe(1);
    const blockedRow = page.locator('[data-testid=approval-table] tr[data-status=blocked]');
    await expect(blockedRow.getByTestId('approval-status-tag').textContent()).resolves.toBe('受阻');
    await expect(blockedRow.textContent()).resolves.toContain('示例数据');
    // the demo's due dates are before today: open items are overdue and highlighted
    expect(await page.locator('[data-testid=approval-table] tr[data-overdue=true]').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('approval-overdue').first().textContent()).resolves.toMatch(/^超期 \d+ 天$/);
    await expect(row('environment').textContent()).resolves.toContain('市生态环境局');
    await page.getByTestId('approval-card').scrollIntoViewIfNeeded();
    await shot('checklist');
  });

  it('edits 节能审查 to done: refused without the permit number, saved with it', async () => {
    await row('energy').getByTestId('approval-edit').click();
    await page.getByTestId('approval-form').waitFor();
    await page.getByTestId('approval-status').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option[title="已办结"]').click();
    await page.getByTestId('approval-done-on').fill(`${YEAR}-11-02`);
    await page.getByTestId('approval-save').click();
    const err = page.locator('.ant-modal [data-testid=error-alert]');
    await err.waitFor();
    await expect(err.textContent()).resolves.toContain('已办结须填写批复文号或证号');
    await shot('checklist-refused');
    await page.getByTestId('approval-permit').fill('运发改能审〔2026〕88号');
    await page.getByTestId('approval-save').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await poll(() => row('energy').getAttribute('data-status')).toBe('done');
    await expect(row('energy').getByTestId('approval-permit-no').textContent()).resolves.toBe('运发改能审〔2026〕88号');
    await expect(row('energy').getByTestId('approval-status-tag').textContent()).resolves.toBe('已办结');
    expect(await row('energy').getAttribute('data-overdue')).toBeNull();
    await shot('checklist-saved');
  });

  it('adds a monthly report in the form and opens it', async () => {
    await page.getByTestId('report-card').scrollIntoViewIfNeeded();
    await page.getByTestId('month-new').click();
    await page.getByTestId('month-form').waitFor();
    await page.getByTestId('month-form-year').fill(String(YEAR));
    await page.getByTestId('month-form-month').fill('10');
    await page.getByTestId('month-form-planned').fill('500');
    await page.getByTestId('month-form-completed').fill('450');
    await page.getByTestId('month-form-progress').fill('厂房主体结构封顶，设备基础施工');
    await page.getByTestId('month-form-ok').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    const ym = `${YEAR}-10`;
    await poll(() => page.getByTestId('report-ym').first().textContent()).toBe(ym);
    await page.getByTestId('report-open').first().click();
    await drawer().waitFor();
    await expect(drawer().getAttribute('data-ym')).resolves.toBe(ym);
    await expect(drawer().getByTestId('report-state').textContent()).resolves.toBe('草稿');
    await expect(page.getByTestId('figure-this-month').textContent()).resolves.toBe('450 万元');
    await expect(page.getByTestId('month-provenance').textContent()).resolves.toContain('本年累计');
  });

  it('refuses a file that is not a photo, then uploads a PNG and shows its thumbnail', async () => {
    await page.getByTestId('photo-input').setInputFiles({
      name: 'site.png', // the name says PNG; the content is text
      mimeType: 'image/png',
      buffer: Buffer.from('这不是照片 not a photo'),
    });
    const err = drawer().getByTestId('error-alert');
    await err.waitFor();
    await expect(err.textContent()).resolves.toContain('不是 JPEG、PNG 或 WebP 照片');
    await expect(err.getAttribute('data-error-code')).resolves.toBe('UNSUPPORTED_FORMAT');
    await expect(drawer().getByTestId('photo').count()).resolves.toBe(0);
    await shot('photo-refused');
    await page.getByTestId('photo-input').setInputFiles({
      name: '现场照片.png',
      mimeType: 'image/png',
      buffer: Buffer.from(demoPhoto(`${YEAR}-10`, 0.45, 3)),
    });
    await poll(() => drawer().getByTestId('photo').count()).toBe(1);
    const img = drawer().locator('[data-testid=photo] img');
    await poll(() => img.evaluate((e) => (e as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
    await expect(img.getAttribute('src')).resolves.toMatch(/^\/api\/attachments\/\d+\/content$/);
    await shot('photo-uploaded');
  });

  it('approves the month, corrects it with a reason and shows version 2 with the history', async () => {
    await drawer().getByTestId('month-approve').click();
    await poll(() => drawer().getByTestId('report-state').textContent()).toBe('已审核');
    await expect(drawer().getByTestId('report-version-tag').textContent()).resolves.toBe('v1');
    await expect(drawer().getByTestId('month-edit').count()).resolves.toBe(0);
    await drawer().getByTestId('month-correct').click();
    await page.getByTestId('month-form').waitFor();
    await page.getByTestId('month-form-completed').fill('480');
    // no reason: the form refuses before anything is sent
    await page.getByTestId('month-form-ok').click();
    await page.locator('.ant-modal .ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('month-form-reason').fill('统计局核定数调整');
    await page.getByTestId('month-form-ok').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await poll(() => drawer().getByTestId('report-version-tag').textContent()).toBe('v2');
    await poll(() => drawer().getByTestId('report-version').count()).toBe(2);
    const versions = drawer().getByTestId('report-version');
    await expect(versions.nth(0).getAttribute('data-version')).resolves.toBe('2');
    await expect(versions.nth(0).textContent()).resolves.toContain('更正理由：统计局核定数调整');
    await expect(versions.nth(0).textContent()).resolves.toContain('480');
    await expect(versions.nth(1).textContent()).resolves.toContain('首次审核');
    await expect(versions.nth(1).textContent()).resolves.toContain('450');
    await expect(page.getByTestId('figure-this-month').textContent()).resolves.toBe('480 万元');
    // the photo stayed with the month
    await expect(drawer().getByTestId('photo').count()).resolves.toBe(1);
    await drawer().getByTestId('report-versions').scrollIntoViewIfNeeded();
    await shot('corrected-v2');
    // the page's change history records the correction with its reason
    await page.locator('.ant-drawer-close').click();
    await drawer().waitFor({ state: 'hidden' });
    const entries = page.getByTestId('history-entry');
    await poll(() => entries.first().textContent()).toBe(
      `${YEAR}-10 月报：更正为第 2 版（完成 480 万元）；理由：统计局核定数调整`,
    );
    const all = await entries.allTextContents();
    expect(all).toContain(`${YEAR}-10 月报：审核通过`);
    expect(all.some((e) => e.startsWith(`上传 ${YEAR}-10 形象进度照片 现场照片.png`))).toBe(true);
    expect(all).toContain(
      `审批事项“节能审查（能评）”：状态 已办结，文号 运发改能审〔2026〕88号，办结日期 ${YEAR}-11-02`,
    );
    await poll(() => page.locator('[data-testid=report-table] tbody tr').first().textContent()).toContain('v2');
    await shot('page', true);
  });

  it('shows a large demo project under construction: permits done with numbers, its demo photo', async () => {
    const list = (await (
      await fetch(`${server.url}/api/projects?library=construction&sort=investment&order=desc&pageSize=1`)
    ).json()) as { items: Array<{ id: number }> };
    const id = list.items[0]!.id;
    const photos = (
      (await (await fetch(`${server.url}/api/projects/${id}/photos`)).json()) as {
        items: Array<{ year: number; month: number }>;
      }
    ).items;
    expect(photos).toHaveLength(1);
    await page.goto(`${server.url}/projects/${id}`);
    await poll(() => page.locator('[data-testid=approval-table] tr[data-status=done]').count()).toBe(6);
    await expect(row('construction_permit').getByTestId('approval-permit-no').textContent()).resolves.toMatch(
      /^施许〔\d{4}〕\d+号$/,
    );
    await page.getByTestId('approval-card').scrollIntoViewIfNeeded();
    await shot('demo-construction-checklist');
    const ym = `${photos[0]!.year}-${String(photos[0]!.month).padStart(2, '0')}`;
    await page.locator('[data-testid=report-table] tbody tr', { hasText: ym }).getByTestId('report-open').click();
    await drawer().waitFor();
    const img = drawer().locator('[data-testid=photo] img');
    await poll(() => img.evaluate((e) => (e as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
    await expect(drawer().getByTestId('photo').textContent()).resolves.toContain('示例数据');
    await shot('demo-photo');
    await page.locator('.ant-drawer-close').click();
    await drawer().waitFor({ state: 'hidden' });
  });

  it('reads the same page in English', async () => {
    await page.locator('.app-lang').getByText('English', { exact: true }).click();
    await poll(() => page.getByTestId('approval-card').locator('.ant-card-head-title').textContent()).toContain(
      'Approvals and factor support',
    );
    await expect(row('energy').getByTestId('approval-status-tag').textContent()).resolves.toBe('Done');
    await page.getByTestId('approval-card').scrollIntoViewIfNeeded();
    await shot('english');
    await page.locator('.app-lang').getByText('中文', { exact: true }).click();
    // 415 from the refused upload is expected; nothing else may have gone wrong
    expect(consoleErrors.filter((e) => !/status of (400|415)/.test(e))).toEqual([]);
  });
});
