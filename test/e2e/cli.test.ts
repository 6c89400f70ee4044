import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LANTU_BIN, REPO } from '../helpers/server.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lantu-cli-'));
const PLAN = path.join(REPO, 'samples', 'yuncheng-14th-five-year-plan.txt');

async function lantu(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [LANTU_BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, LANTU_DATA_DIR: dataDir, DATABASE_URL: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the lantu CLI', () => {
  it('extract --json prints the outline contract', async () => {
    const res = await lantu('extract', PLAN, '--json');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.document).toMatchObject({ format: 'txt', encoding: 'utf-8' });
    expect(out.outline).toHaveLength(12);
    expect(out.outline[0]).toMatchObject({
      level: 1,
      number: '第一章',
      title: '全面建成小康社会 增强开新局的战略定力',
    });
    expect(out.outline[0].start).toBeLessThan(out.outline[0].end);
    expect(out.outline[0].end).toBe(out.outline[1].start);
  });

  it('imports a plan, lists it, and refuses the same import twice', async () => {
    const imported = await lantu('import', PLAN, '--region', '140800', '--period', '2021-2025', '--json');
    expect(imported.code).toBe(0);
    const { plan } = JSON.parse(imported.stdout);
    expect(plan).toMatchObject({ region: { code: '140800' }, chapterCount: 12 });

    const listed = JSON.parse((await lantu('plans', '--json')).stdout);
    expect(listed).toEqual([
      { id: plan.id, region: { code: '140800', name: '运城市' }, period: '2021-2025', title: plan.title },
    ]);

    const twice = await lantu('import', PLAN, '--region', '140800', '--period', '2021-2025');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('错误 [PLAN_EXISTS]');
    expect(twice.stderr).toContain('Error [PLAN_EXISTS]');
  });

  it('reports bad input with the API error codes, in Chinese and English', async () => {
    const empty = path.join(dataDir, 'empty.txt');
    writeFileSync(empty, '');
    const res = await lantu('import', empty, '--region', '140800', '--period', '2021-2025');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/错误 \[UPLOAD_EMPTY\]：.*\nError \[UPLOAD_EMPTY\]: /);

    const badPeriod = await lantu('import', PLAN, '--region', '140800', '--period', '2021');
    expect(badPeriod.code).not.toBe(0);
    expect(badPeriod.stderr).toContain('规划期格式应为 2021-2025');
  });

  it('db migrate is idempotent', async () => {
    expect((await lantu('db', 'migrate')).code).toBe(0);
    const again = await lantu('db', 'migrate');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('pglite');
  });
});

describe('lantu values import and lantu evaluate', () => {
  it('imports a CSV of values (approved) and evaluates with them', async () => {
    const csv = path.join(dataDir, 'values.csv');
    writeFileSync(
      csv,
      'indicator,region,period,value,note\n地区生产总值（GDP）增长率,140800,2021,9.1,\n地区生产总值（GDP）增长率,140800,2022,8.5,\n',
    );
    const plans = JSON.parse((await lantu('plans', '--json')).stdout) as Array<{ id: number }>;
    const planId = String(plans[0]!.id);
    const imported = await lantu('values', 'import', csv, '--plan', planId);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('已导入 2 个数值');

    const res = await lantu('evaluate', '--plan', planId, '--period', '2022', '--json');
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.stdout) as Array<{
      indicator: { name: string };
      status: string;
      actual: number;
      reason: string;
    }>;
    expect(rows).toHaveLength(37);
    const gdp = rows.find((r) => r.indicator.name === '地区生产总值（GDP）增长率')!;
    expect(gdp.status).toBe('behind');
    expect(gdp.actual).toBeCloseTo(Math.sqrt(1.091 * 1.085) * 100 - 100, 1);
    expect(gdp.reason).toContain('10%');
    expect(rows.filter((r) => r.status === 'no_data').length).toBeGreaterThan(20);

    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(bad, 'indicator,region,period,value\n不存在的指标,140800,2022,1\n');
    const refused = await lantu('values', 'import', bad, '--plan', planId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('错误 [IMPORT_FAILED]');
    expect(refused.stderr).toContain('第2行');
  });
});
