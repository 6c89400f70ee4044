import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { bulletinCommands } from './bulletin.command.ts';
import { extractCommand } from './extract.command.ts';
import { factsCommandDefinition } from './fact.commands.ts';
import { evaluateCommand, valuesImportCommand } from './indicator.commands.ts';
import { reportFailure } from './output.ts';
import { importCommand, plansCommand } from './plan.commands.ts';
import { projectsImportCommand, quarterRankCommand, quarterScheduleCommand } from './project.commands.ts';
import { reportCommand } from './report.command.ts';
import { migrateCommand, openapiCommand, serveCommand } from './server.commands.ts';

export function parsePeriod(value: string): { periodStart: number; periodEnd: number } {
  const m = /^(\d{4})\s*[-–—~至]\s*(\d{4})$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('规划期格式应为 2021-2025 / period must look like 2021-2025');
  return { periodStart: Number(m[1]), periodEnd: Number(m[2]) };
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('端口应为 0–65535 / port 0–65535');
  return n;
}

const program = new Command()
  .name('lantu')
  .description('蓝图 Lantu — 规划实施监测 / plan implementation monitoring')
  .version(JSON.parse(await readFile(path.join(import.meta.dirname, '../../package.json'), 'utf8')).version);

program
  .command('serve')
  .description('启动服务 Start the server (web app + API)')
  .option('-p, --port <port>', '端口 port (default: PORT or 8080)', parsePort)
  .option('--build-web', '网页界面过期时先构建 build the web app first when it is stale')
  .option('--no-demo', '不加载示例数据 do not load the demo plan')
  .action(serveCommand);

program
  .command('import')
  .description('导入规划文件 Import a plan file')
  .argument('<file>', '规划文件 .txt/.docx/.pdf/.html')
  .requiredOption('-r, --region <code>', '行政区划代码 region code (GB/T 2260), e.g. 140800')
  .requiredOption('--period <years>', '规划期 period, e.g. 2021-2025', parsePeriod)
  .option('-t, --title <title>', '规划名称 title (default: taken from the document)')
  .option('--json', '输出 JSON output JSON')
  .action(importCommand);

program
  .command('plans')
  .description('规划列表 List plans')
  .option('--json', '输出 JSON output JSON')
  .action(plansCommand);

program
  .command('extract')
  .description('抽取文件内容（不入库） Extract what Lantu finds in a file, without storing it')
  .argument('<file>', '文件 file')
  .option('--json', '输出 JSON output JSON (default)')
  .option('--text', '同时输出规范化文本 include the normalised text')
  .action(extractCommand);

function parseId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数 / must be a positive integer');
  return n;
}

program
  .command('values')
  .description('指标数值 Indicator values')
  .command('import')
  .description(
    '导入 CSV 或 Excel（列：indicator, region, period, value, note），导入即审核通过 / import values, approved',
  )
  .argument('<file>', 'CSV 或 .xlsx 文件 file')
  .requiredOption('--plan <id>', '规划编号 plan id', parseId)
  .action(valuesImportCommand);

program
  .command('evaluate')
  .description('评估指标 Evaluate every indicator of a plan at a period')
  .requiredOption('--plan <id>', '规划编号 plan id', parseId)
  .requiredOption('--period <period>', '期间 period: 2023, 2023Q3, 2023-07')
  .option('--region <code>', "行政区划代码 region code (default: the plan's region)")
  .option('--json', '输出 JSON output JSON')
  .action(evaluateCommand);

program.addCommand(reportCommand());

program.addCommand(factsCommandDefinition());
program.addCommand(bulletinCommands());

program
  .command('projects')
  .description('项目库 Projects')
  .command('import')
  .description('导入项目清单（Excel 模板或 CSV），任何一行有错则不保存 / import the project list, all or nothing')
  .argument('<file>', 'CSV 或 .xlsx 文件 file')
  .requiredOption('--plan <id>', '规划编号 plan id', parseId)
  .action(projectsImportCommand);

function parseQuarter(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new InvalidArgumentError('季度应为 1–4 / quarter must be 1–4');
  return n;
}

function parseYear(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new InvalidArgumentError('年份无效 / invalid year');
  return n;
}

const quarter = program.command('quarter').description('“五个一”季度考核 Quarterly assessment');

quarter
  .command('schedule')
  .description('本季度应开展的“五个一”活动及完成情况 / the events due in the quarter and whether each took place')
  .requiredOption('--year <year>', '年份 year', parseYear)
  .requiredOption('--quarter <q>', '季度 quarter 1–4', parseQuarter)
  .option('--json', '输出 JSON output JSON')
  .action(quarterScheduleCommand);

quarter
  .command('rank')
  .description('各县（市、区）和开发区的得分与排名（含上季度排名） / scores and ranking with the previous rank')
  .requiredOption('--year <year>', '年份 year', parseYear)
  .requiredOption('--quarter <q>', '季度 quarter 1–4', parseQuarter)
  .option('--by <grouping>', '只排县 county 或开发区 zone / only counties or zones')
  .option('--city <code>', '城市行政区划代码 city code (default: the latest plan’s region)')
  .option('--json', '输出 JSON output JSON')
  .action(quarterRankCommand);

program
  .command('db')
  .description('数据库 Database')
  .command('migrate')
  .description('执行数据库迁移 Apply migrations')
  .action(migrateCommand);

program
  .command('openapi')
  .description('输出 OpenAPI 文档 Write the OpenAPI document')
  .option('-o, --out <file>', '输出文件 output file (default: stdout)')
  .action(openapiCommand);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  reportFailure(e);
}
