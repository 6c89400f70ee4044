import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { toApiError } from '../../api.ts';
import {
  type Assignment,
  type AssignmentError,
  type AssignmentInput,
  type Indicator,
  IndicatorApiError,
  indicatorApi,
  indicatorKeys,
} from '../../api-indicators.ts';
import { pick, staleLines, useIndI18n } from '../../i18n-indicators.ts';
import { documentsApi } from '../../pages/documents/api-documents.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { documentLink } from './evidence.ts';

interface Row {
  key: number;
  year: number | undefined;
  value: number | null;
  note: string;
  documentId: number | undefined;
  quote: string;
  /** The stored provenance of a saved row, shown as a link until the row is edited. */
  saved: Assignment['evidence'];
}

/** What the engine compares with, as the plan's words say it (higher is better → ≥). */
const OP_DEFAULT = { higher: '≥', lower: '≤' } as const;

/**
 * 省下达目标: the year → assigned target table of an indicator whose target is "完成省下任务", with the
 * document or note each figure came from. Saved as one versioned edit; a conflict is shown in both languages.
 */
export function AssignmentsCard({ ind, years }: { ind: Indicator; years: number[] }) {
  const { t, locale } = useIndI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [conflict, setConflict] = useState<[string, string] | null>(null);
  const [problem, setProblem] = useState<{ text: string; errors: AssignmentError[] } | null>(null);
  const current = useQuery({
    queryKey: indicatorKeys.assignments(ind.id),
    queryFn: () => indicatorApi.assignments(ind.id),
  });
  const docs = useQuery({ queryKey: ['documents'], queryFn: documentsApi.list, staleTime: 60_000 });

  const save = useMutation({
    mutationFn: (rows: AssignmentInput[]) => indicatorApi.setAssignments(ind.id, ind.version, rows),
    onSuccess: () => {
      setConflict(null);
      setProblem(null);
      message.success(t('assign.saved'));
      qc.invalidateQueries({ queryKey: indicatorKeys.all });
    },
    onError: (e) => {
      const err = toApiError(e);
      if (err.code === 'STALE_VERSION') {
        // someone saved meanwhile: show theirs (the editor is keyed by the version) and say so in both languages
        setProblem(null);
        setConflict(staleLines(locale, err));
        qc.invalidateQueries({ queryKey: indicatorKeys.all });
        return;
      }
      const errors =
        err instanceof IndicatorApiError && Array.isArray(err.data.errors)
          ? (err.data.errors as AssignmentError[])
          : [];
      setProblem({ text: err.localized(locale), errors });
    },
  });

  const op = typeof ind.target.op === 'string' ? ind.target.op : OP_DEFAULT[ind.direction];
  return (
    <Card
      title={t('assign.title')}
      size="small"
      className="mon-section"
      data-testid="assignments-card"
      extra={<Typography.Text type="secondary">{t('assign.op', { op })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('assign.hint')}
      </Typography.Paragraph>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setConflict(null)}
          data-testid="assignments-conflict"
          title={t('assign.conflictTitle')}
          description={
            <>
              <div>{conflict[0]}</div>
              <div className="mon-sub">{conflict[1]}</div>
            </>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          data-testid="assignments-error"
          title={`${t('assign.invalid')}${problem.text}`}
          style={{ marginBottom: 8 }}
        />
      )}
      {current.error ? (
        <ErrorAlert error={current.error} onRetry={() => current.refetch()} />
      ) : current.data ? (
        <Editor
          // a new version (saved here or by someone else) starts the editor afresh from the server's rows
          key={`${ind.id}-${current.data.indicator.version}`}
          ind={ind}
          years={years}
          saved={current.data.assignments}
          documents={(docs.data ?? []).map((d) => ({ id: Number(d.id), fileName: d.fileName }))}
          errors={problem?.errors ?? []}
          saving={save.isPending}
          onSave={(rows) => save.mutate(rows)}
        />
      ) : (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      )}
    </Card>
  );
}

function Editor({
  ind,
  years,
  saved,
  documents,
  errors,
  saving,
  onSave,
}: {
  ind: Indicator;
  years: number[];
  saved: Assignment[];
  documents: { id: number; fileName: string }[];
  errors: AssignmentError[];
  saving: boolean;
  onSave: (rows: AssignmentInput[]) => void;
}) {
  const { t, locale } = useIndI18n();
  const [rows, setRows] = useState<Row[]>(() =>
    saved.map((a, i) => ({
      key: i,
      year: a.year,
      value: a.value,
      note: a.note,
      documentId: a.evidence?.documentId,
      quote: a.evidence?.text ?? '',
      saved: a.evidence,
    })),
  );
  const [missing, setMissing] = useState<Set<number>>(new Set());
  const docName = (id: number) => documents.find((d) => d.id === id)?.fileName ?? `#${id}`;
  const patch = (key: number, p: Partial<Row>) =>
    setRows((rs) =>
      rs.map((r) => (r.key === key ? { ...r, ...p, saved: 'quote' in p || 'documentId' in p ? null : r.saved } : r)),
    );
  const used = new Set(rows.map((r) => r.year));
  const add = () => {
    const year = years.find((y) => !used.has(y));
    setRows((rs) => [
      ...rs,
      {
        key: Math.max(-1, ...rs.map((r) => r.key)) + 1,
        year,
        value: null,
        note: '',
        documentId: undefined,
        quote: '',
        saved: null,
      },
    ]);
  };
  const rowErrors = (index: number, field?: string) =>
    errors.filter((e) => e.row === index && (field === undefined || e.field === field));

  const submit = () => {
    const empty = new Set(rows.filter((r) => r.value === null || r.value === undefined).map((r) => r.key));
    setMissing(empty);
    if (empty.size > 0) return;
    onSave(
      rows.map((r) => ({
        year: r.year ?? 0,
        value: r.value as number,
        note: r.note,
        documentId: r.documentId ?? null,
        quote: r.quote.trim() ? r.quote.trim() : null,
      })),
    );
  };

  const fieldError = (index: number, field: string) =>
    rowErrors(index, field).map((e) => (
      <div key={e.zh} className="mon-field-error" data-testid="assignment-error">
        {pick(locale, e)}
      </div>
    ));

  const columns: ColumnsType<Row> = [
    {
      key: 'year',
      title: t('assign.col.year'),
      width: 110,
      render: (_, r, i) => (
        <div>
          <Select
            size="small"
            style={{ width: 96 }}
            data-testid={`assign-year-${i}`}
            value={r.year}
            status={rowErrors(i, 'year').length ? 'error' : undefined}
            onChange={(v) => patch(r.key, { year: v })}
            options={years.map((y) => ({
              value: y,
              label: t('common.year', { year: y }),
              disabled: y !== r.year && used.has(y),
            }))}
          />
          {fieldError(i, 'year')}
        </div>
      ),
    },
    {
      key: 'value',
      title: `${t('assign.col.value')}${ind.unit ? (locale === 'zh' ? `（${ind.unit}）` : ` (${ind.unit})`) : ''}`,
      width: 130,
      render: (_, r, i) => (
        <div>
          <InputNumber
            size="small"
            style={{ width: 112 }}
            data-testid={`assign-value-${i}`}
            value={r.value}
            status={missing.has(r.key) || rowErrors(i, 'value').length ? 'error' : undefined}
            onChange={(v) => {
              patch(r.key, { value: typeof v === 'number' ? v : null });
              setMissing((m) => {
                const n = new Set(m);
                n.delete(r.key);
                return n;
              });
            }}
          />
          {missing.has(r.key) && <div className="mon-field-error">{t('assign.valueRequired')}</div>}
          {fieldError(i, 'value')}
        </div>
      ),
    },
    {
      key: 'note',
      title: t('assign.col.note'),
      render: (_, r, i) => (
        <div>
          <Input
            size="small"
            data-testid={`assign-note-${i}`}
            placeholder={t('assign.notePlaceholder')}
            value={r.note}
            maxLength={300}
            status={rowErrors(i, 'note').length ? 'error' : undefined}
            onChange={(e) => patch(r.key, { note: e.target.value })}
          />
          {fieldError(i, 'note')}
        </div>
      ),
    },
    {
      key: 'document',
      title: t('assign.col.document'),
      width: 200,
      render: (_, r, i) => (
        <div>
          <Select
            size="small"
            allowClear
            style={{ width: 184 }}
            data-testid={`assign-document-${i}`}
            placeholder={t('assign.documentPlaceholder')}
            value={r.documentId}
            status={rowErrors(i, 'documentId').length ? 'error' : undefined}
            onChange={(v) => patch(r.key, { documentId: v ?? undefined })}
            showSearch={{ optionFilterProp: 'label' }}
            options={documents.map((d) => ({ value: d.id, label: d.fileName }))}
          />
          {fieldError(i, 'documentId')}
        </div>
      ),
    },
    {
      key: 'quote',
      title: t('assign.col.quote'),
      width: 220,
      render: (_, r, i) => (
        <div>
          <Input
            size="small"
            data-testid={`assign-quote-${i}`}
            placeholder={t('assign.quotePlaceholder')}
            value={r.quote}
            disabled={!r.documentId}
            status={rowErrors(i, 'quote').length ? 'error' : undefined}
            onChange={(e) => patch(r.key, { quote: e.target.value })}
          />
          {r.saved && (
            <Link
              to={documentLink(r.saved)}
              className="mon-sub"
              data-testid={`assign-evidence-${i}`}
              title={r.saved.text ?? undefined}
            >
              {docName(r.saved.documentId)}
              {r.saved.start !== null ? ` · ${r.saved.start}–${r.saved.end}` : ''} → {t('assign.evidence')}
            </Link>
          )}
          {fieldError(i, 'quote')}
        </div>
      ),
    },
    {
      key: 'remove',
      width: 48,
      render: (_, r) => (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('assign.remove')}
          title={t('assign.remove')}
          onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
        />
      ),
    },
  ];

  return (
    <div>
      <Table<Row>
        rowKey="key"
        size="small"
        data-testid="assignments-table"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('assign.empty') }}
      />
      <Space style={{ marginTop: 8 }}>
        <Button icon={<PlusOutlined />} onClick={add} disabled={rows.length >= years.length} data-testid="assign-add">
          {t('assign.add')}
        </Button>
        <Button type="primary" onClick={submit} loading={saving} data-testid="assign-save">
          {t('assign.save')}
        </Button>
      </Space>
    </div>
  );
}
