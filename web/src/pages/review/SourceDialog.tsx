import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { api, type Id, type OutlineItem, type PlanItem, queryKeys, type SourceSpan } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n.ts';

/** The deepest outline node whose [start, end) contains `offset`, with its ancestors. */
function locate(nodes: OutlineItem[], offset: number, path: OutlineItem[] = []): OutlineItem[] {
  for (const n of nodes) {
    if (offset >= n.start && offset < n.end) return locate(n.children, offset, [...path, n]);
  }
  return path;
}

/** A heading line of the plan: `第四节 发展目标`, `专栏2 …`, `（一）…`. */
const HEADING =
  /^(?:第[一二三四五六七八九十百\d]+[章节]|专栏\s*\d+|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)\S*.{0,40}$/;

interface Line {
  start: number;
  text: string;
}

type Block = { kind: 'table'; lines: Line[] } | { kind: 'para'; line: Line };

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const line = { start: pos, text: raw };
    pos += raw.length + 1;
    if (raw.trim() === '') continue;
    const last = blocks[blocks.length - 1];
    if (raw.includes('\t')) {
      if (last?.kind === 'table') last.lines.push(line);
      else blocks.push({ kind: 'table', lines: [line] });
    } else {
      blocks.push({ kind: 'para', line });
    }
  }
  return blocks;
}

/** The text of a section with [hlStart, hlEnd) (offsets into `text`) highlighted; table rows by whole row. */
function HighlightedText({ text, hlStart, hlEnd }: { text: string; hlStart: number; hlEnd: number }) {
  const blocks = useMemo(() => blocksOf(text), [text]);
  const hit = (l: Line) => l.start < hlEnd && l.start + l.text.length > hlStart;
  return (
    <div className="source-text">
      {blocks.map((b) => {
        if (b.kind === 'table') {
          const width = Math.max(...b.lines.map((l) => l.text.split('\t').length));
          return (
            <div className="reader-table-wrap" key={b.lines[0]?.start}>
              <table className="reader-table source-table">
                <tbody>
                  {b.lines.map((l) => {
                    const cells = l.text.split('\t').map((c) => c.trim());
                    const group = cells.length > 1 && cells[0] !== '' && cells.slice(1).every((c) => c === '');
                    return (
                      <tr
                        key={l.start}
                        className={hit(l) ? 'source-hit' : group ? 'reader-table-group' : undefined}
                        data-hit={hit(l) || undefined}
                      >
                        {group ? (
                          <td colSpan={width}>{cells[0]}</td>
                        ) : (
                          Array.from({ length: width }, (_, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity beyond position
                            <td key={i} className={(cells[i] ?? '').length <= 8 ? 'nowrap' : undefined}>
                              {cells[i] ?? ''}
                            </td>
                          ))
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }
        const l = b.line;
        if (!hit(l))
          return (
            <p key={l.start} className={HEADING.test(l.text.trim()) ? 'source-heading' : undefined}>
              {l.text}
            </p>
          );
        const a = Math.max(0, hlStart - l.start);
        const z = Math.min(l.text.length, hlEnd - l.start);
        return (
          <p key={l.start}>
            {l.text.slice(0, a)}
            <mark className="source-hit" data-hit>
              {l.text.slice(a, z)}
            </mark>
            {l.text.slice(z)}
          </p>
        );
      })}
    </div>
  );
}

/** Where `source` lies inside the section's text (the text is trimmed, so check and search if needed). */
function offsetIn(text: string, sectionStart: number, source: SourceSpan): number {
  const rel = source.start - sectionStart;
  if (text.slice(rel, rel + source.text.length) === source.text) return rel;
  let best = -1;
  for (let i = text.indexOf(source.text); i >= 0; i = text.indexOf(source.text, i + 1)) {
    if (best < 0 || Math.abs(i - rel) < Math.abs(best - rel)) best = i;
  }
  return best;
}

function SourceBody({ planId, source }: { planId: Id; source: SourceSpan }) {
  const { t } = useI18n();
  const outline = useQuery({ queryKey: queryKeys.outline(planId), queryFn: () => api.outline(planId) });
  const path = useMemo(() => locate(outline.data ?? [], source.start), [outline.data, source.start]);
  const node = path[path.length - 1];
  const section = useQuery({
    queryKey: queryKeys.section(planId, node?.id ?? 'none'),
    queryFn: () => api.section(planId, node?.id ?? ''),
    enabled: node !== undefined,
  });
  const ref = useRef<HTMLDivElement>(null);
  const text = section.data?.text;
  const rel = text !== undefined && section.data ? offsetIn(text, section.data.start, source) : -1;
  useEffect(() => {
    if (rel < 0) return;
    const timer = window.setTimeout(() => {
      ref.current?.querySelector('[data-hit]')?.scrollIntoView({ block: 'center' });
    }, 50);
    return () => window.clearTimeout(timer);
  }, [rel]);

  if (outline.error || section.error) return <ErrorAlert error={outline.error ?? section.error} />;
  if (outline.isLoading || (node && section.isLoading)) return <Skeleton active paragraph={{ rows: 6 }} />;
  const where = path.map((p) => `${p.number} ${p.title}`.trim()).join(' › ');
  return (
    <div data-testid="source-dialog-body">
      {where && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="source-where">
          {t('review.sourceIn', { where })}
        </Typography.Paragraph>
      )}
      <div className="source-scroll" ref={ref}>
        {text !== undefined && rel >= 0 ? (
          <HighlightedText text={text} hlStart={rel} hlEnd={rel + source.text.length} />
        ) : (
          <>
            <Alert type="info" showIcon title={t('review.sourceNotInSection')} style={{ marginBottom: 8 }} />
            <HighlightedText text={source.text} hlStart={0} hlEnd={source.text.length} />
          </>
        )}
      </div>
    </div>
  );
}

export function SourceDialog({ planId, item, onClose }: { planId: Id; item: PlanItem | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={item !== null}
      onCancel={onClose}
      footer={null}
      width={920}
      title={item ? `${t('review.sourceTitle')}：${item.label}` : t('review.sourceTitle')}
      destroyOnHidden
      className="source-dialog"
    >
      {item?.source ? (
        <SourceBody key={item.id} planId={planId} source={item.source} />
      ) : (
        <Typography.Paragraph type="secondary">{t('review.sourceMissing')}</Typography.Paragraph>
      )}
    </Modal>
  );
}
