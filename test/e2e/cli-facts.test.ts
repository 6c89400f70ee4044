import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LANTU_BIN, REPO } from '../helpers/server.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lantu-cli-facts-'));
const NEWS = path.join(REPO, 'samples', 'news');

async function lantu(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [LANTU_BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, LANTU_DATA_DIR: dataDir, DATABASE_URL: '' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('lantu facts', () => {
  it('prints the facts of a news piece with offsets into its normalised text', async () => {
    const res = await lantu(
      'facts',
      path.join(NEWS, '002-study-tour-part2-traditional.txt'),
      '--date',
      '2023',
      '--json',
    );
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.document).toMatchObject({ fileName: '002-study-tour-part2-traditional.txt', format: 'txt' });
    expect(out.documentDate).toEqual({ value: '2023', basis: 'given' });
    const signed = out.facts.find((f: { value: number }) => f.value === 134.66);
    expect(signed).toMatchObject({
      unit: '亿元',
      kind: 'actual',
      period: { code: '2023-08-08' },
      region: { code: '140800' },
      number: { text: '134.66亿元' },
      match: null,
    });
    // The text is the normalised (simplified) one: 總投資 → 总投资.
    expect(signed.sentence.text).toContain('总投资134.66亿元');
  });

  it('refuses a bad date in Chinese and English', async () => {
    const res = await lantu('facts', path.join(NEWS, '000-yuncheng-daily-green-development.txt'), '--date', '24');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('日期格式应为');
    expect(res.stderr).toContain('date like 2024');
  });
});
