import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/** Issue 3 in the browser: the news pieces, their repairs, and the damaged spans of seed 002 shown as damaged. */
const SHOTS = path.join(REPO, 'test-results', 'documents');
const executablePath = chromiumPath();

describe.skipIf(!executablePath)('browser: documents and their repairs', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the plan and the four news pieces with their repairs', async () => {
    await page.goto(`${server.url}/documents`);
    await page.getByText('002-study-tour-part2-traditional.txt').waitFor();
    const rows = await page.locator('.ant-table-tbody tr').count();
    expect(rows).toBe(5);
    await page.screenshot({ path: path.join(SHOTS, '01-documents.png') });
  });

  it('shows the Traditional piece in Simplified, without pinyin, with its damaged spans marked', async () => {
    await page.getByText('002-study-tour-part2-traditional.txt').click();
    await page.locator('.doc-reader').waitFor();
    const text = (await page.locator('.doc-reader').textContent()) ?? '';
    expect(text).toContain('创新');
    expect(text).not.toMatch(/chuàng|創/);
    const damaged = page.locator('mark.doc-damaged');
    expect(await damaged.count()).toBeGreaterThanOrEqual(4);
    await expect(page.locator('.ant-alert').textContent()).resolves.toContain('损坏文字');
    await damaged.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, '02-damaged.png') });
  });
});
