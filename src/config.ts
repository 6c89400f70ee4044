import path from 'node:path';
import { z } from 'zod';
import { LantuError } from './errors.ts';

/**
 * The only module that reads process.env. Every problem is listed at once, in Chinese and English,
 * so an operator fixes the environment in one go instead of one restart per mistake.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  LANTU_DATA_DIR: z.string().min(1).default('.lantu'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// / 必须以 postgres:// 开头')
    .optional(),
  LANTU_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
  LANTU_DEMO: z.enum(['on', 'off']).default('on'),
  LANTU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  maxUploadBytes: number;
  loadDemo: boolean;
  logLevel: string;
}

const FIELD_ZH: Record<string, string> = {
  PORT: '端口 PORT 必须是 0–65535 的整数',
  HOST: '监听地址 HOST 不正确',
  LANTU_DATA_DIR: '数据目录 LANTU_DATA_DIR 不能为空',
  DATABASE_URL: '数据库连接串 DATABASE_URL 必须以 postgres:// 开头',
  LANTU_MAX_UPLOAD_MB: '上传上限 LANTU_MAX_UPLOAD_MB 必须是 1024 以内的正数',
  LANTU_DEMO: '示例数据开关 LANTU_DEMO 只能是 on 或 off',
  LANTU_LOG_LEVEL: '日志级别 LANTU_LOG_LEVEL 不正确',
};

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return { key, zh: FIELD_ZH[key] ?? `${key} 不正确`, en: `${key}: ${issue.message}` };
    });
    throw new LantuError(
      'CONFIG_INVALID',
      { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
      { problems },
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(cwd, c.LANTU_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    maxUploadBytes: Math.round(c.LANTU_MAX_UPLOAD_MB * 1024 * 1024),
    loadDemo: c.LANTU_DEMO === 'on',
    logLevel: c.LANTU_LOG_LEVEL,
  };
}

/** What the test tiers need from the environment; kept here so no other module reads process.env. */
export interface TestEnvironment {
  /** CI=true: a missing PostgreSQL or Chromium fails the run instead of skipping. */
  ci: boolean;
  /** Connection string of a PostgreSQL server for the integration tier (LANTU_TEST_PG). */
  postgresUrl: string | undefined;
  chromiumPath: string;
}

export function testEnvironment(env: Record<string, string | undefined> = process.env): TestEnvironment {
  return {
    ci: env.CI === 'true' || env.CI === '1',
    postgresUrl: env.LANTU_TEST_PG || undefined,
    chromiumPath: env.LANTU_CHROMIUM || '/usr/bin/chromium',
  };
}
