import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Pure layers take data and return data: no database, services, API, CLI, file system, env or clock. */
const PURE = ['text', 'extract', 'domain'];
const FORBIDDEN_IMPORT =
  /from\s+['"](\.\.\/)+(db|services|api|cli|reports|config)\b|from\s+['"](node:)?(fs|fs\/promises|child_process|http|net)['"]|from\s+['"](pg|@electric-sql\/pglite|drizzle-orm[^'"]*|fastify)['"]/;
const FORBIDDEN_CALL = /process\.env|Date\.now\(|new Date\(\)/;

describe('layering', () => {
  for (const layer of PURE) {
    it(`src/${layer} stays pure`, () => {
      const offenders: string[] = [];
      for (const file of tsFiles(path.join(SRC, layer))) {
        const code = readFileSync(file, 'utf8');
        if (FORBIDDEN_IMPORT.test(code) || FORBIDDEN_CALL.test(code)) offenders.push(path.relative(SRC, file));
      }
      expect(offenders).toEqual([]);
    });
  }

  it('only src/config.ts reads process.env', () => {
    const readers = tsFiles(SRC)
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(readers).toEqual(['config.ts']);
  });

  it('the checker itself catches an impure import', () => {
    expect(FORBIDDEN_IMPORT.test("import { x } from '../db/client.ts';")).toBe(true);
    expect(FORBIDDEN_IMPORT.test("import { readFileSync } from 'node:fs';")).toBe(true);
    expect(FORBIDDEN_IMPORT.test("import { x } from './outline.ts';")).toBe(false);
  });
});
