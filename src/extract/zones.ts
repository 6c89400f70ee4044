import type { Span } from '../text/types.ts';
import type { OutlineNode } from './outline.ts';
import type { Zone, ZoneIndustrySchema } from './schema.ts';
import { isDamaged, type Paragraph, paragraphs, source } from './text.ts';

type ZoneIndustry = (typeof ZoneIndustrySchema)['_output'];

const ZONE_LEAD =
  /^([\u4e00-\u9fa5]{1,10}?(?:经济技术开发区|高新技术产业开发区|开发区|高新区|示范区|工业园区|工业园|产业园区|园区|新区|自贸区|综保区))。/;
const LEAD_CLAUSE = /以(.+?)为(?:龙头|重点|主|核心|引领|主导|支撑|依托)的(.+)$/;
const FIRM_SEP = /[、，,]/;

/** `以A、B为龙头的X产业` → industry X with lead firms A and B; a clause without 以…为 is an industry. */
function parseClause(clause: string): ZoneIndustry | null {
  const c = clause.replace(/^(?:着力|重点|积极|大力|加快)?(?:发展|培育|打造|壮大|布局)/, '').trim();
  if (!c) return null;
  const m = LEAD_CLAUSE.exec(c);
  if (m) {
    const leadFirms = (m[1] as string)
      .split(FIRM_SEP)
      .map((s) => s.trim())
      .filter(Boolean);
    return { industry: (m[2] as string).trim(), leadFirms };
  }
  return /产业|业$/.test(c) && c.length <= 20 ? { industry: c, leadFirms: [] } : null;
}

function zoneOf(text: string, p: Paragraph, box: string, damaged: readonly Span[]): Zone | null {
  const m = ZONE_LEAD.exec(p.text);
  if (!m) return null;
  const body = p.text.slice(m[0].length);
  const damagedPara = isDamaged(damaged, p.start, p.end);
  const industries = damagedPara
    ? []
    : body
        .split(/[，；。]/)
        .map((c) => parseClause(c.trim()))
        .filter((x): x is ZoneIndustry => x !== null);
  return { name: m[1] as string, box, industries, source: source(text, { start: p.start, end: p.end }) };
}

/**
 * Development zones: in a box where most paragraphs are led by a zone name
 * (`运城开发区。发展以大运集团为龙头的新能源产业，…`).
 */
export function extractZones(text: string, boxes: OutlineNode[], damaged: readonly Span[] = []): Zone[] {
  const out: Zone[] = [];
  for (const box of boxes) {
    const paras = paragraphs(text, box.bodyStart, box.end).filter((p) => !p.text.includes('\t'));
    const zones = paras.map((p) => zoneOf(text, p, box.number, damaged)).filter((z): z is Zone => z !== null);
    if (zones.length >= 2 && zones.length * 2 >= paras.length) out.push(...zones);
  }
  return out;
}
