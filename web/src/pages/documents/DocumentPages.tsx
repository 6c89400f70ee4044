import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { DocumentView } from '../../api.ts';
import { formatDateTime, repairLabel, useI18n } from '../../i18n.ts';
import { documentsApi, markRuns, type Span } from './api-documents.ts';
import { EvidenceCapture } from './EvidenceCapture.tsx';

const TEXT = {
  zh: {
    title: '文档',
    hint: '导入的规划和新闻、讲话等材料。打开文档可查看规范化后的正文：无法修复的乱码以红色标出，不会被抽取；页眉页脚等版面杂项以灰色显示。',
    file: '文件',
    format: '格式',
    encoding: '编码',
    chars: '字数',
    repairs: '修复',
    created: '导入时间',
    damaged: '损坏文字',
    damagedNote: '红色标出的文字已损坏且无法可靠还原，系统不会从中抽取任何数字或名称。',
    furniture: '版面杂项（页码、页眉、责编等）',
    none: '无',
    back: '文档',
    selectHint: '选中正文中的文字，可将其作为某个指标数值的依据填报。',
  },
  en: {
    title: 'Documents',
    hint: 'Plans, news pieces and speeches that came in. Open one to read its normalised text: text too damaged to repair is marked red and never extracted from; page furniture is grey.',
    file: 'File',
    format: 'Format',
    encoding: 'Encoding',
    chars: 'Characters',
    repairs: 'Repairs',
    created: 'Imported',
    damaged: 'Damaged text',
    damagedNote: 'Text marked red is damaged beyond reliable repair; no number or name is extracted from it.',
    furniture: 'Page furniture (page numbers, running heads, credit lines)',
    none: 'none',
    back: 'Documents',
    selectHint: 'Select text in the document to record an indicator value with it as evidence.',
  },
} as const;

export function DocumentListPage() {
  const { locale } = useI18n();
  const s = TEXT[locale];
  const docs = useQuery({ queryKey: ['documents'], queryFn: documentsApi.list });
  return (
    <Card title={s.title}>
      <Typography.Paragraph type="secondary">{s.hint}</Typography.Paragraph>
      <Table<DocumentView>
        rowKey={(d) => String(d.id)}
        loading={docs.isLoading}
        dataSource={docs.data ?? []}
        pagination={false}
        columns={[
          {
            title: s.file,
            dataIndex: 'fileName',
            render: (v: string, d) => <Link to={`/documents/${d.id}`}>{v}</Link>,
          },
          { title: s.format, dataIndex: 'format', width: 80 },
          { title: s.encoding, dataIndex: 'encoding', width: 110 },
          { title: s.chars, dataIndex: 'chars', width: 100 },
          {
            title: s.repairs,
            render: (_: unknown, d) =>
              d.repairs.length
                ? d.repairs.map((r) => <RepairTag key={r.kind} kind={r.kind} count={r.count} />)
                : s.none,
          },
          { title: s.created, dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}

function RepairTag({ kind, count }: { kind: string; count: number }) {
  const { t } = useI18n();
  return (
    <Tag color={kind.startsWith('mojibake') ? 'red' : 'blue'} className="doc-repair-tag">
      {repairLabel(t, kind)} × {count}
    </Tag>
  );
}

/** Paragraphs of the text with their offsets, so marks (which are offsets) land in the right place. */
function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * `?start=&end=` (offsets into the normalised text, as evidence stores them) marks that place, so a link
 * from a value's evidence opens the document at the sentence it was read from.
 */
function useHighlight(): Span | null {
  const [params] = useSearchParams();
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  return params.has('start') && Number.isInteger(start) && Number.isInteger(end) && end > start ? { start, end } : null;
}

/** A run of text with the highlighted part (if any falls in it) wrapped in a mark. */
function withHighlight(text: string, at: number, hl: Span | null, plain: (t: string) => ReactNode): ReactNode {
  if (!hl || hl.end <= at || hl.start >= at + text.length) return plain(text);
  const a = Math.max(0, hl.start - at);
  const b = Math.min(text.length, hl.end - at);
  return (
    <>
      {a > 0 && plain(text.slice(0, a))}
      <mark className="doc-highlight" data-testid="doc-highlight" style={{ background: '#ffe58f', padding: 0 }}>
        {plain(text.slice(a, b))}
      </mark>
      {b < text.length && plain(text.slice(b))}
    </>
  );
}

export function DocumentReaderPage() {
  const { id = '' } = useParams();
  const { locale } = useI18n();
  const s = TEXT[locale];
  const reading = useQuery({ queryKey: ['document-text', id], queryFn: () => documentsApi.reading(id) });
  const hl = useHighlight();
  const readerRef = useRef<HTMLDivElement>(null);
  const hlKey = hl ? `${hl.start}-${hl.end}` : '';
  // once the text is there (and when the place changes), bring the marked place into view
  useEffect(() => {
    if (hlKey && reading.data) document.querySelector('.doc-highlight')?.scrollIntoView({ block: 'center' });
  }, [hlKey, reading.data]);
  if (reading.isLoading) return <Spin />;
  if (reading.error || !reading.data) return <Empty />;
  const { document: doc, text, damaged, furniture } = reading.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/documents">{s.back}</Link> }, { title: doc.fileName }]} />
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={s.format}>{doc.format}</Descriptions.Item>
          <Descriptions.Item label={s.encoding}>
            {doc.encoding}（{Math.round(doc.encodingConfidence * 100)}%）
          </Descriptions.Item>
          <Descriptions.Item label={s.chars}>{doc.chars}</Descriptions.Item>
          <Descriptions.Item label={s.repairs} span={3}>
            {doc.repairs.length
              ? doc.repairs.map((r) => <RepairTag key={r.kind} kind={r.kind} count={r.count} />)
              : s.none}
          </Descriptions.Item>
        </Descriptions>
        {damaged.length > 0 && (
          <Alert type="warning" showIcon message={`${s.damaged}：${damaged.length}`} description={s.damagedNote} />
        )}
      </Card>
      <Typography.Text type="secondary">{s.selectHint}</Typography.Text>
      <Card className="doc-reader" ref={readerRef} data-testid="doc-reader">
        {paragraphs(text).map((p) => (
          <p key={p.start} className="doc-para">
            {markRuns(text, p.start, p.end, damaged, furniture).map((r) =>
              r.mark === 'damaged' ? (
                <mark key={r.start} data-start={r.start} className="doc-damaged" title={s.damaged}>
                  {r.text}
                </mark>
              ) : r.mark === 'furniture' ? (
                <span key={r.start} data-start={r.start} className="doc-furniture" title={s.furniture}>
                  {withHighlight(r.text, r.start, hl, (x) => x)}
                </span>
              ) : (
                <span key={r.start} data-start={r.start}>
                  {withHighlight(r.text, r.start, hl, (x) => x)}
                </span>
              ),
            )}
          </p>
        ))}
      </Card>
      <EvidenceCapture documentId={Number(doc.id)} text={text} damaged={damaged} reader={readerRef} />
    </Space>
  );
}
