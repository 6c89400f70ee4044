import {
  DeleteOutlined,
  EditOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  type ButtonProps,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { toApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { saveBlob } from '../report/model.ts';
import {
  type Bulletin,
  type BulletinEdit,
  bulletinApi,
  type EntryInput,
  type ListEntry,
  type ParagraphId,
  type RankRow,
} from './api-bulletin.ts';
import { type BulletinMessageKey, useBulletinI18n } from './strings.ts';
import '../report/report.css';
import './bulletin.css';

/** The demo's data runs to the end of 2024; its third quarter is the natural first look. */
const DEFAULT = { year: 2024, quarter: 3 };
const FIRST_YEAR = 2021;

const FILL_RE = /(【[^】]*】)/;

/** Text with 【…】 places to fill in highlighted. */
function Filled({ text }: { text: string }) {
  return (
    <>
      {text.split(FILL_RE).map((part, i) =>
        FILL_RE.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one string, never reordered
          <mark key={i} className="report-fill" data-testid="bulletin-fill">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** `/bulletins?year=2024&quarter=3`: draft, read, edit, issue and download the quarter's bulletin. */
export function BulletinPage() {
  const { t, locale } = useBulletinI18n();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const client = useQueryClient();
  const thisYear = new Date().getFullYear();
  const askedYear = Number.parseInt(params.get('year') ?? '', 10);
  const askedQuarter = Number.parseInt(params.get('quarter') ?? '', 10);
  const year = askedYear >= FIRST_YEAR && askedYear <= thisYear ? askedYear : DEFAULT.year;
  const quarter = askedQuarter >= 1 && askedQuarter <= 4 ? askedQuarter : DEFAULT.quarter;
  const key = ['bulletins', year, quarter];
  const bulletin = useQuery({ queryKey: key, queryFn: () => bulletinApi.get(year, quarter) });

  const set = useCallback(
    (name: string, value: number) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(name, String(value));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const fail = (err: unknown) => {
    const e = toApiError(err);
    message.open({
      type: 'error',
      duration: 8,
      content: (
        <span data-testid="bulletin-error" data-error-code={e.code}>
          {e.localized(locale)}
        </span>
      ),
    });
    // a stale version or an issued bulletin: show what is stored now
    if (e.status === 409) client.invalidateQueries({ queryKey: key });
  };
  const done = (b: Bulletin, text: string) => {
    client.setQueryData(key, b);
    message.success(text);
  };

  const draft = useMutation({
    mutationFn: (version?: number) => bulletinApi.draft(year, quarter, version),
    onSuccess: (b) => done(b, t('drafted')),
    onError: fail,
  });
  const edit = useMutation({
    mutationFn: (e: BulletinEdit) => bulletinApi.edit(year, quarter, e),
    onSuccess: (b) => done(b, t('saved', { v: b.version })),
    onError: fail,
  });
  const issue = useMutation({
    mutationFn: (version: number) => bulletinApi.issue(year, quarter, version),
    onSuccess: (b) => done(b, t('issued')),
    onError: fail,
  });

  const b = bulletin.data;
  const busy = draft.isPending || edit.isPending || issue.isPending;
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push(y);

  return (
    <div data-testid="bulletin-page">
      <div className="report-head-row">
        <div>
          <Space size={10} align="center" wrap>
            <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
              {t('title')}
            </Typography.Title>
            {b?.content.hasDemoData && (
              <Tooltip title={t('demoHint')}>
                <Tag color="purple">{t('demo')}</Tag>
              </Tooltip>
            )}
            {b && (
              <Tag color={b.state === 'issued' ? 'red' : 'blue'} data-testid="bulletin-state">
                {b.state === 'issued'
                  ? t('state.issued', { date: b.content.signedOn, by: b.issuedBy ?? '' })
                  : t('state.draft', { v: b.version })}
              </Tag>
            )}
          </Space>
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
          </div>
        </div>
      </div>

      <div className="report-toolbar">
        <Space size={16} wrap>
          <span className="report-field">
            <span className="report-field-label">{t('year')}</span>
            <Select
              data-testid="bulletin-year"
              style={{ width: 110 }}
              value={year}
              onChange={(v) => set('year', v)}
              options={years.map((y) => ({ value: y, label: t('yearOption', { year: y }) }))}
            />
          </span>
          <span className="report-field">
            <span className="report-field-label">{t('quarter')}</span>
            <Select
              data-testid="bulletin-quarter"
              style={{ width: 120 }}
              value={quarter}
              onChange={(v) => set('quarter', v)}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('quarterOption', { q }) }))}
            />
          </span>
        </Space>
        {b && (
          <Space size={8} wrap>
            {b.state === 'draft' && (
              <>
                <Popconfirm title={t('regenerate.confirm')} onConfirm={() => draft.mutate(b.version)}>
                  <Button icon={<ReloadOutlined />} disabled={busy} data-testid="bulletin-regenerate">
                    {t('regenerate')}
                  </Button>
                </Popconfirm>
                <Popconfirm title={t('issue.confirm')} onConfirm={() => issue.mutate(b.version)}>
                  <Button
                    danger
                    type="primary"
                    icon={<SendOutlined />}
                    loading={issue.isPending}
                    disabled={busy}
                    data-testid="bulletin-issue"
                  >
                    {t('issue')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <Downloads year={year} quarter={quarter} />
          </Space>
        )}
      </div>

      {locale === 'en' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('contentNote')} />}

      {bulletin.error ? (
        <ErrorAlert error={bulletin.error} onRetry={() => bulletin.refetch()} />
      ) : bulletin.isLoading ? (
        <Skeleton active paragraph={{ rows: 16 }} />
      ) : !b ? (
        <Empty description={t('empty', { year, q: quarter })} data-testid="bulletin-empty">
          <Button
            type="primary"
            onClick={() => draft.mutate(undefined)}
            loading={draft.isPending}
            data-testid="bulletin-draft"
          >
            {t('draft')}
          </Button>
        </Empty>
      ) : (
        <Spin spinning={busy} delay={200}>
          {b.state === 'issued' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('frozen')}
              data-testid="bulletin-frozen"
            />
          )}
          <div className="report-layout">
            <div className="report-column">
              <BulletinDocument bulletin={b} save={(e) => edit.mutateAsync(e).then(() => undefined)} />
              <Figures bulletin={b} />
            </div>
          </div>
        </Spin>
      )}
    </div>
  );
}

function Downloads({ year, quarter }: { year: number; quarter: number }) {
  const { t, locale } = useBulletinI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);
  const download = async (fmt: 'docx' | 'pdf') => {
    setBusy(fmt);
    try {
      const { blob, name } = await bulletinApi.download(year, quarter, fmt);
      saveBlob(blob, name);
    } catch (err) {
      const e = toApiError(err);
      message.open({
        type: 'error',
        duration: 8,
        content: (
          <span data-testid="download-error" data-error-code={e.code}>
            {t('download.failed')}
            {locale === 'zh' ? '：' : ': '}
            {e.localized(locale)}
          </span>
        ),
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button
        type="primary"
        icon={<FileWordOutlined />}
        loading={busy === 'docx'}
        onClick={() => download('docx')}
        data-testid="bulletin-download-docx"
      >
        {t('download.docx')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        onClick={() => download('pdf')}
        data-testid="bulletin-download-pdf"
      >
        {t('download.pdf')}
      </Button>
    </>
  );
}

type Save = (edit: BulletinEdit) => Promise<void>;

/** A piece of the document that a person may rewrite while the bulletin is a draft. */
function EditableText({
  id,
  value,
  editable,
  onSave,
  className,
  rows = 4,
  children,
}: {
  id: string;
  value: string;
  editable: boolean;
  onSave: (text: string) => Promise<void>;
  className?: string;
  rows?: number;
  children?: ReactNode;
}) {
  const { t } = useBulletinI18n();
  const [text, setText] = useState<string | null>(null);
  if (text !== null) {
    return (
      <div className="bulletin-editing" data-testid={`bulletin-editing-${id}`}>
        <Input.TextArea value={text} autoSize={{ minRows: rows }} onChange={(e) => setText(e.target.value)} />
        <Space style={{ marginTop: 6 }}>
          <Button
            size="small"
            type="primary"
            data-testid={`bulletin-save-${id}`}
            onClick={() =>
              onSave(text)
                .then(() => setText(null))
                .catch(() => undefined)
            }
          >
            {t('save')}
          </Button>
          <Button size="small" onClick={() => setText(null)}>
            {t('cancel')}
          </Button>
        </Space>
      </div>
    );
  }
  return (
    <div className={`bulletin-editable ${className ?? ''}`} data-testid={`bulletin-text-${id}`}>
      {children ?? <Filled text={value} />}
      {editable && (
        <Tooltip title={t('edit')}>
          <Button
            size="small"
            type="text"
            className="bulletin-edit-button"
            icon={<EditOutlined />}
            aria-label={t('edit')}
            data-testid={`bulletin-edit-${id}`}
            onClick={() => setText(value)}
          />
        </Tooltip>
      )}
    </div>
  );
}

function BulletinDocument({ bulletin, save }: { bulletin: Bulletin; save: Save }) {
  const c = bulletin.content;
  const editable = bulletin.state === 'draft';
  const v = bulletin.version;
  const paragraph = (id: ParagraphId) => (text: string) => save({ version: v, paragraphs: { [id]: text } });
  return (
    <article className="report-paper bulletin-paper" data-testid="bulletin-document">
      <div className="bulletin-mark" data-testid="bulletin-mark">
        {c.issuerMark}
      </div>
      <EditableText
        id="docNumber"
        value={c.docNumber}
        editable={editable}
        rows={1}
        className="bulletin-number"
        onSave={(text) => save({ version: v, docNumber: text })}
      />
      <hr className="bulletin-red-line" />
      <EditableText
        id="title"
        value={c.title}
        editable={editable}
        rows={2}
        className="report-title bulletin-title"
        onSave={(text) => save({ version: v, title: text })}
      />
      {c.hasDemoData && (
        <p className="report-p">
          <span className="report-note">【示例数据：本通报中的项目和数值含系统生成的示例数据，仅供演示】</span>
        </p>
      )}
      <p className="report-p">{c.recipients}</p>
      {c.paragraphs.map((p) => (
        <section key={p.id} data-testid={`bulletin-section-${p.id}`}>
          {p.heading && <h3 className="report-h1">{p.heading}</h3>}
          <EditableText id={p.id} value={p.text} editable={editable} onSave={paragraph(p.id)}>
            {p.text
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, never reordered
                <p key={i} className="report-p report-indent">
                  <Filled text={line} />
                </p>
              ))}
          </EditableText>
          {p.id === 'ranking' && (
            <>
              <RankTable
                caption="表1  各县（市、区）考核排名"
                rows={c.rankings.county}
                first="县（市、区）"
                testid="county"
              />
              {c.rankings.zone.length > 0 && (
                <RankTable caption="表2  各开发区考核排名" rows={c.rankings.zone} first="开发区" testid="zone" />
              )}
            </>
          )}
          {p.id === 'red' && <ListTable list="red" bulletin={bulletin} save={save} />}
          {p.id === 'yellow' && <ListTable list="yellow" bulletin={bulletin} save={save} />}
        </section>
      ))}
      <div className="bulletin-signature">
        <div>{c.issuer}</div>
        <div>{`${Number(c.signedOn.slice(0, 4))}年${Number(c.signedOn.slice(5, 7))}月${Number(c.signedOn.slice(8, 10))}日`}</div>
      </div>
    </article>
  );
}

function RankTable({
  caption,
  rows,
  first,
  testid,
}: {
  caption: string;
  rows: RankRow[];
  first: string;
  testid: string;
}) {
  return (
    <div className="report-table-wrap">
      <div className="report-caption report-table-caption">{caption}</div>
      <table className="report-table" data-testid={`bulletin-rank-${testid}`}>
        <thead>
          <tr>
            {['名次', first, '得分', '上季度名次', '签约落地率', '开工率', '投资完成率', '投产率'].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.region.code}>
              <td className="center">{r.rank}</td>
              <td className="center">{r.region.name}</td>
              <td className="center">{r.vetoed ? `${r.score.toFixed(2)}（否决）` : r.score.toFixed(2)}</td>
              <td className="center">{r.previousRank ?? '—'}</td>
              <td className="center">{pct(r.kpis.landingRate)}</td>
              <td className="center">{pct(r.kpis.startRate)}</td>
              <td className="center">{pct(r.kpis.investmentCompletionRate)}</td>
              <td className="center">{pct(r.kpis.productionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const asInput = (e: ListEntry): EntryInput => ({
  key: e.key,
  projectId: e.projectId,
  project: e.project,
  county: e.county,
  responsibleUnit: e.responsibleUnit,
  reason: e.reason,
});

function ListTable({ list, bulletin, save }: { list: 'red' | 'yellow'; bulletin: Bulletin; save: Save }) {
  const { t } = useBulletinI18n();
  const [adding, setAdding] = useState(false);
  const entries = list === 'red' ? bulletin.content.redList : bulletin.content.yellowList;
  const field = list === 'red' ? 'redList' : 'yellowList';
  const editable = bulletin.state === 'draft';
  const listName = t(list as BulletinMessageKey);
  const write = (next: EntryInput[]) => save({ version: bulletin.version, [field]: next });
  return (
    <div className="report-table-wrap">
      {entries.length > 0 && (
        <>
          <div className="report-caption report-table-caption">
            {list === 'red' ? '红色预警项目清单' : '黄色预警项目清单'}
          </div>
          <table className={`report-table bulletin-list bulletin-list-${list}`} data-testid={`bulletin-list-${list}`}>
            <thead>
              <tr>
                <th style={{ width: '7%' }}>序号</th>
                <th style={{ width: '26%' }}>项目名称</th>
                <th style={{ width: '12%' }}>县（市、区）</th>
                <th style={{ width: '17%' }}>责任单位</th>
                <th>原因</th>
                {editable && <th style={{ width: 44 }} aria-label={t('remove')} />}
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={e.key} data-testid={`bulletin-entry-${list}`} data-key={e.key}>
                  <td className="center">{i + 1}</td>
                  <td>
                    {e.project}
                    {e.source === 'manual' && (
                      <Tag color="blue" className="bulletin-manual">
                        {t('manual')}
                      </Tag>
                    )}
                  </td>
                  <td className="center">{e.county}</td>
                  <td>
                    <Filled text={e.responsibleUnit} />
                  </td>
                  <td>{e.reason}</td>
                  {editable && (
                    <td className="center">
                      <Popconfirm
                        title={t('remove.confirm', { name: e.project, list: listName })}
                        onConfirm={() =>
                          write(entries.filter((x) => x.key !== e.key).map(asInput)).catch(() => undefined)
                        }
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('remove')}
                          data-testid={`bulletin-remove-${list}`}
                        />
                      </Popconfirm>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {editable && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          className="bulletin-add"
          onClick={() => setAdding(true)}
          data-testid={`bulletin-add-${list}`}
        >
          {t('add')}
        </Button>
      )}
      <AddEntry
        open={adding}
        title={t('add.title', { list: listName })}
        onCancel={() => setAdding(false)}
        onAdd={(entry) => write([...entries.map(asInput), entry]).then(() => setAdding(false))}
      />
    </div>
  );
}

function AddEntry({
  open,
  title,
  onCancel,
  onAdd,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onAdd: (e: EntryInput) => Promise<void>;
}) {
  const { t } = useBulletinI18n();
  const [form] = Form.useForm<EntryInput>();
  const required = (field: BulletinMessageKey) => [
    { required: true, whitespace: true, message: t('field.required', { field: t(field) }) },
  ];
  return (
    <Modal
      open={open}
      title={title}
      destroyOnHidden
      okText={t('save')}
      cancelText={t('cancel')}
      onCancel={onCancel}
      onOk={() =>
        form
          .validateFields()
          .then((v) =>
            onAdd({
              project: v.project,
              county: v.county ?? '',
              responsibleUnit: v.responsibleUnit ?? '',
              reason: v.reason,
            }),
          )
          .then(() => form.resetFields())
          .catch(() => undefined)
      }
      okButtonProps={{ 'data-testid': 'bulletin-add-ok' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="bulletin-add-form">
        <Form.Item name="project" label={t('field.project')} rules={required('field.project')}>
          <Input maxLength={200} data-testid="bulletin-add-project" />
        </Form.Item>
        <Form.Item name="county" label={t('field.county')}>
          <Input maxLength={50} data-testid="bulletin-add-county" />
        </Form.Item>
        <Form.Item name="responsibleUnit" label={t('field.unit')}>
          <Input maxLength={100} data-testid="bulletin-add-unit" />
        </Form.Item>
        <Form.Item name="reason" label={t('field.reason')} rules={required('field.reason')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} data-testid="bulletin-add-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The quarter's figures with the rule and inputs behind each (provenance), under the document. */
function Figures({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useBulletinI18n();
  return (
    <details className="bulletin-figures" data-testid="bulletin-figures">
      <summary>{t('figures')}</summary>
      <table className="report-table">
        <tbody>
          {bulletin.content.figures.map((f) => (
            <tr key={f.key}>
              <td style={{ width: '24%' }}>{f.label}</td>
              <td style={{ width: '14%' }} className="center">
                {f.value === null ? '—' : f.unit === 'ratio' ? pct(f.value) : `${f.value} ${f.unit}`}
              </td>
              <td>
                <code>{f.rule}</code>
                <div className="bulletin-inputs">
                  {Object.entries(f.inputs)
                    .map(([k, v]) => `${k}=${v}`)
                    .join('，')}
                  {f.projectIds.length > 0 && ` · ${t('figures.projects', { n: f.projectIds.length })}`}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
