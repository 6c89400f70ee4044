import { isLantuError } from '../errors.ts';

/** The CLI reuses the API's error codes: `错误 [CODE] …` then the English line. Exit 1 on any failure. */
export function reportFailure(e: unknown): never {
  if (isLantuError(e)) {
    const t = e.bilingual;
    process.stderr.write(`错误 [${e.code}]：${t.zh}\nError [${e.code}]: ${t.en}\n`);
  } else {
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    process.stderr.write(`错误 [INTERNAL]：内部错误\nError [INTERNAL]: ${msg}\n`);
  }
  process.exit(1);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
