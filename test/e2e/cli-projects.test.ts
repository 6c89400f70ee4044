import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LANTU_BIN, REPO } from '../helpers/server.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lantu-cli-projects-'));

async function lantu(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [LANTU_BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, LANTU_DATA_DIR: dataDir, DATABASE_URL: '', LANTU_DEMO: 'on' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the lantu CLI for projects', () => {
  it('quarter rank --json ranks every county and zone with the previous rank and the KPIs', async () => {
    // a fresh data directory gets the demo (plan 1 with its projects), like `serve`
    const res = await lantu('quarter', 'rank', '--year', '2023', '--quarter', '3', '--json');
    expect(res.code, res.stderr).toBe(0);
    const rows = JSON.parse(res.stdout) as Array<{
      region: { code: string; name: string };
      score: number;
      rank: number;
      previousRank: number | null;
      kpis: Record<string, number | null>;
    }>;
    const counties = rows.filter((r) => /^1408\d\d$/.test(r.region.code));
    expect(counties).toHaveLength(13);
    expect(counties.map((r) => r.region.name)).toContain('临猗县');
    expect(rows.length).toBeGreaterThan(13); // the development zones follow
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['kpis', 'previousRank', 'rank', 'region', 'score']);
      expect(Object.keys(r.kpis).sort()).toEqual([
        'investmentCompletionRate',
        'landingRate',
        'productionRate',
        'startRate',
      ]);
      expect(Object.keys(r.region).sort()).toEqual(['code', 'name']);
      expect(typeof r.score).toBe('number');
      expect(Number.isInteger(r.rank)).toBe(true);
      for (const k of ['landingRate', 'startRate', 'investmentCompletionRate', 'productionRate']) {
        expect(r.kpis[k] === null || typeof r.kpis[k] === 'number').toBe(true);
      }
    }
    expect(counties.map((r) => r.rank)[0]).toBe(1);
    expect(counties.every((r) => typeof r.previousRank === 'number')).toBe(true);
  });

  it('projects import saves a good CSV and refuses a bad one whole, with row and column', async () => {
    const good = path.join(dataDir, 'good.csv');
    writeFileSync(good, 'name,regionCode,library\n示例CLI导入项目甲,140821,谋划库\n示例CLI导入项目乙,临猗县,储备库\n');
    const ok = await lantu('projects', 'import', good, '--plan', '1');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('created 2');

    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(
      bad,
      'name,regionCode,ownerCreditCode\n示例CLI导入项目丙,140821,\n示例CLI导入项目丁,999999,91350100M000100Y43\n',
    );
    const refused = await lantu('projects', 'import', bad, '--plan', '1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('错误 [IMPORT_FAILED]');
    expect(refused.stderr).toMatch(/CSV 第3行 行政区划代码/);
    expect(refused.stderr).toContain('Error [IMPORT_FAILED]');
  });

  it('quarter schedule --json lists the five events of 2024 Q4 with what took place', async () => {
    const res = await lantu('quarter', 'schedule', '--year', '2024', '--quarter', '4', '--json');
    expect(res.code, res.stderr).toBe(0);
    const rows = JSON.parse(res.stdout) as Array<{
      event: string;
      month: number;
      status: string;
      detail: { zh: string };
    }>;
    expect(rows.map((r) => [r.event, r.month])).toEqual([
      ['signing', 10],
      ['groundbreaking', 10],
      ['tour', 12],
      ['assessment', 12],
      ['bulletin', 12],
    ]);
    expect(rows.find((r) => r.event === 'groundbreaking')).toMatchObject({
      status: 'done',
      detail: { zh: '已举办：2024-10-28' },
    });
    expect(rows.find((r) => r.event === 'bulletin')?.status).toBe('missing');
    const text = await lantu('quarter', 'schedule', '--year', '2024', '--quarter', '4');
    expect(text.stdout).toContain('✓\t2024年10月集中开工（2024-Q4）\t已举办：2024-10-28');
  });

  it('quarter rank refuses a bad quarter', async () => {
    const res = await lantu('quarter', 'rank', '--year', '2023', '--quarter', '5');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('季度应为 1–4');
  });
});
