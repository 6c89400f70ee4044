import type { Span } from '../text/types.ts';
import { chainsIn, type FoundChain } from './chains.ts';
import type { OutlineNode } from './outline.ts';
import type { Chain, Cluster } from './schema.ts';
import { type Paragraph, paragraphs, source, spanOf } from './text.ts';

/** `先进装备制造产业集群。`, `现代医药和大健康产业群。` as the lead of a paragraph. */
const CLUSTER_LEAD = /^([\u4e00-\u9fa5、和与及]{2,18}?(?:产业集群|产业群|集群))。/;
/** `”汽车产业集群` right after a chain. */
const CLUSTER_AFTER = /^([\u4e00-\u9fa5、和与及]{2,16}?(?:产业集群|产业群))/;
const INDUSTRY_BEFORE = /([\u4e00-\u9fa5]{2,8}?产业)[^，。；“]*[“"]?$/;

const strip = ({ after: _after, ...c }: FoundChain): Chain => c;

/** Prose paragraphs, outside boxes (box groups repeat cluster names as project headings). */
function proseParagraphs(text: string, nodes: OutlineNode[]): Paragraph[] {
  const boxes = nodes.filter((n) => n.kind === 'box');
  const inBox = (p: Paragraph) => boxes.some((b) => p.start >= b.start && p.start < b.end);
  return paragraphs(text).filter((p) => !p.text.includes('\t') && !inBox(p));
}

function clusterOf(list: Cluster[], name: string, src: Cluster['source'], listed: boolean): Cluster {
  let c = list.find((x) => x.name === name);
  if (!c) {
    c = { name, listed, chains: [], source: src };
    list.push(c);
  }
  return c;
}

/** Place an unattached chain: after `X产业集群`, else under the industry named just before it. */
function attachLoose(text: string, p: Paragraph, ch: FoundChain, list: Cluster[]): void {
  const after = CLUSTER_AFTER.exec(p.text.slice(ch.after));
  const rel = ch.source.start;
  const fromInPara = p.offsets.indexOf(rel);
  if (after) {
    const name = after[1] as string;
    const s = spanOf(p, fromInPara, ch.after + name.length);
    clusterOf(list, name, source(text, s), false).chains.push(strip(ch));
    return;
  }
  if (ch.kind !== 'value' || ch.segments.length < 3 || !/链/.test(p.text)) return;
  // The industry named just before the chain, else the paragraph's lead (`做强中药材产业基地。`).
  const before = INDUSTRY_BEFORE.exec(p.text.slice(0, Math.max(0, fromInPara)));
  const lead = /^([^，。；]{2,20}?产业[^，。；]{0,6})。/.exec(p.text);
  const raw = before?.[1] ?? lead?.[1];
  if (!raw) return;
  const name = raw.replace(/^(?:支持|推动|鼓励|引导|促进|发展|推进|加快|做强|做大|壮大|打造|培育)+/, '');
  clusterOf(list, name, ch.source, false).chains.push(strip(ch));
}

/**
 * The plan's industry clusters (paragraphs led by a cluster name) with the value chains their
 * paragraph writes; chains elsewhere join the cluster named right after them or the industry
 * named before them.
 */
export function extractClusters(text: string, nodes: OutlineNode[], damaged: readonly Span[] = []): Cluster[] {
  const list: Cluster[] = [];
  const loose: Array<[Paragraph, FoundChain]> = [];
  for (const p of proseParagraphs(text, nodes)) {
    const lead = CLUSTER_LEAD.exec(p.text);
    const chains = chainsIn(text, p, damaged);
    if (lead) {
      const name = lead[1] as string;
      const c = clusterOf(list, name, source(text, spanOf(p, 0, name.length + 1)), true);
      c.listed = true;
      c.chains.push(...chains.filter((ch) => !CLUSTER_AFTER.test(p.text.slice(ch.after))).map(strip));
      loose.push(
        ...chains
          .filter((ch) => CLUSTER_AFTER.test(p.text.slice(ch.after)))
          .map((ch): [Paragraph, FoundChain] => [p, ch]),
      );
    } else {
      loose.push(...chains.map((ch): [Paragraph, FoundChain] => [p, ch]));
    }
  }
  for (const [p, ch] of loose) attachLoose(text, p, ch, list);
  return list;
}
