import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { chromiumPath, REPO, type RunningServer, startServer } from '../helpers/server.ts';

/**
 * KPIs per industry chain and per liaison leader on the quarter page (issue 6): the table shows a
 * row per chain with the API's rates, switches to leaders, and a chain opens the project list
 * filtered to it with as many projects as the row counts. Screenshots go to test-results/group-kpi/.
 */
const SHOTS = path.join(REPO, 'test-results', 'group-kpi');
const executablePath = chromiumPath();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

interface Reply {
  groups: Array<{ group: string; projectCount: number; startRate: { rate: number | null } }>;
}

describe.skipIf(!executablePath)('browser: KPIs per chain and per liaison leader', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const consoleErrors: string[] = [];

  const shot = async (name: string) => {
    step += 1;
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const rows = () => page.locator('[data-testid=group-table] tbody tr.ant-table-row');
  const api = async <T>(p: string) => (await (await fetch(`${server.url}${p}`)).json()) as T;

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    ({ browser, page } = await openPage(executablePath as string, consoleErrors, { timeout: 20_000 }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists every chain with the API’s start rate, then every leader', async () => {
    const chains = await api<Reply>('/api/quarters/2024/4/group-kpis?by=chain');
    expect(chains.groups.length).toBeGreaterThan(3);
    await page.goto(`${server.url}/quarters?year=2024&quarter=4`);
    await page.getByTestId('group-kpis').scrollIntoViewIfNeeded();
    await poll(() => rows().count()).toBe(chains.groups.length);
    const first = chains.groups[0]!;
    const row = rows().filter({ hasText: first.group });
    const rate = first.startRate.rate === null ? '—' : `${(first.startRate.rate * 100).toFixed(1)}%`;
    await expect(row.getByTestId('group-startRate').textContent()).resolves.toBe(rate);
    await shot('chains');

    const leaders = await api<Reply>('/api/quarters/2024/4/group-kpis?by=leader');
    await page.getByTestId('group-by').getByText('按包联领导（一联五）').click();
    await poll(() => rows().count()).toBe(leaders.groups.length);
    await poll(async () => (await rows().first().textContent()) ?? '').toContain(leaders.groups[0]!.group);
    await shot('leaders');
    await page.getByTestId('group-by').getByText('按产业链（链长制）').click();
    await poll(() => rows().count()).toBe(chains.groups.length);
  });

  it('a chain opens the project list filtered to it, as many projects as the row counts', async () => {
    const chains = await api<Reply>('/api/quarters/2024/4/group-kpis?by=chain');
    const first = chains.groups[0]!;
    await rows().filter({ hasText: first.group }).getByTestId('group-link').click();
    await poll(() => page.url()).toContain(`chain=${encodeURIComponent(first.group)}`);
    await poll(async () => (await page.locator('body').textContent()) ?? '').toContain(
      `共 ${first.projectCount} 个项目`,
    );
    await shot('chain-projects');
    expect(consoleErrors).toEqual([]);
  });
});
