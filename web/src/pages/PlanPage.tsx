import {
  BookOutlined,
  CheckCircleOutlined,
  FileTextOutlined,
  LeftOutlined,
  LinkOutlined,
  ReloadOutlined,
  RightOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Empty,
  Popconfirm,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  api,
  type Id,
  type OutlineItem,
  type PlanItem,
  type PlanItemKind,
  type PlanView,
  queryKeys,
  toApiError,
} from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PlanMonitorLinks } from '../components/indicators/IndicatorNav.tsx';
import { PlanStatusTag } from '../components/PlanStatusTag.tsx';
import { SectionText, stripHeading } from '../components/SectionText.tsx';
import { fiveYearPlanLabel, formatDateTime, type MessageKey, periodLabel, type Translate, useI18n } from '../i18n.ts';
import { ReportLink } from './report/routes.tsx';
import { countOf, ReviewContext, type ReviewContextValue } from './review/common.tsx';
import { EditDialog, type EditTarget } from './review/EditDialog.tsx';
import { IndicatorsTab } from './review/IndicatorsTab.tsx';
import { ClustersTab, CommitmentsTab, ProjectsTab, ZonesTab } from './review/OtherTabs.tsx';
import { SourceDialog } from './review/SourceDialog.tsx';

interface IndexEntry {
  item: OutlineItem;
  /** Ancestors, outermost first. */
  path: OutlineItem[];
  order: number;
}

function indexOutline(items: OutlineItem[]) {
  const byId = new Map<string, IndexEntry>();
  const order: OutlineItem[] = [];
  const walk = (nodes: OutlineItem[], path: OutlineItem[]) => {
    for (const item of nodes) {
      byId.set(String(item.id), { item, path, order: order.length });
      order.push(item);
      walk(item.children, [...path, item]);
    }
  };
  walk(items, []);
  return { byId, order };
}

function countKinds(order: OutlineItem[]) {
  const n = { chapters: 0, sections: 0, boxes: 0 };
  for (const it of order) {
    if (it.kind === 'chapter') n.chapters += 1;
    else if (it.kind === 'section') n.sections += 1;
    else n.boxes += 1;
  }
  return n;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the heading of `child` starts in its parent's text (-1 if not found); spaces inside `专栏 2` are tolerated. */
function childHeadingOffset(text: string, child: OutlineItem): number {
  const number = Array.from(child.number.replace(/\s/g, ''), escapeRe).join('\\s*');
  const m = new RegExp(`\\n[ \\t\u3000]*${number}`).exec(text);
  return m ? m.index + 1 : -1;
}

function KindIcon({ kind }: { kind: OutlineItem['kind'] }) {
  if (kind === 'chapter') return <BookOutlined style={{ color: '#1d4ed8' }} />;
  if (kind === 'box') return <TableOutlined style={{ color: '#b45309' }} />;
  return <FileTextOutlined style={{ color: '#64748b' }} />;
}

function OutlineLabel({ item }: { item: OutlineItem }) {
  return (
    <span className={`outline-label outline-${item.kind}`} data-kind={item.kind}>
      <span className="outline-number">{item.number}</span>
      {item.title && <span className="outline-title">{item.title}</span>}
    </span>
  );
}

function toTreeData(items: OutlineItem[]): DataNode[] {
  return items.map((item) => ({
    key: String(item.id),
    title: <OutlineLabel item={item} />,
    icon: <KindIcon kind={item.kind} />,
    children: item.children.length > 0 ? toTreeData(item.children) : undefined,
    isLeaf: item.children.length === 0,
  }));
}

function kindTag(t: Translate, kind: OutlineItem['kind']) {
  if (kind === 'box') return <Tag color="orange">{t('plan.kind.box')}</Tag>;
  if (kind === 'chapter') return <Tag color="blue">{t('plan.kind.chapter')}</Tag>;
  return <Tag>{t('plan.kind.section')}</Tag>;
}

/** 重新抽取 and 发布规划: the two plan-wide review actions. */
function ReviewActions({ plan }: { plan: PlanView }) {
  const { t, locale } = useI18n();
  const { message, modal } = AntApp.useApp();
  const qc = useQueryClient();
  const reextract = useMutation({
    mutationFn: () => api.reextract(plan.id),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: queryKeys.allItems(plan.id) });
      modal.success({
        title: t('review.reextractDone'),
        content: (
          <ul className="reextract-summary" data-testid="reextract-summary">
            <li>{t('review.summary.added', { n: s.added })}</li>
            <li>{t('review.summary.refreshed', { n: s.refreshed })}</li>
            <li>{t('review.summary.removed', { n: s.removed })}</li>
            <li>{t('review.summary.kept', { n: s.keptCorrections })}</li>
            <li className="reextract-note">{t('review.summary.note')}</li>
          </ul>
        ),
        okText: t('common.close'),
      });
    },
    onError: (e) => message.error(toLocalized(e, locale)),
  });
  const publish = useMutation({
    mutationFn: () => api.publish(plan.id),
    onSuccess: (p) => {
      qc.setQueryData(queryKeys.plan(plan.id), p);
      void qc.invalidateQueries({ queryKey: queryKeys.plans, exact: true });
      message.success(t('review.publishDone'));
    },
    onError: (e) => message.error(toLocalized(e, locale)),
  });
  const published = plan.status === 'published';
  return (
    <Space className="plan-head-actions">
      <Popconfirm
        title={t('review.reextract')}
        description={<div style={{ maxWidth: 300 }}>{t('review.reextractConfirm')}</div>}
        okText={t('review.reextract')}
        cancelText={t('common.cancel')}
        onConfirm={() => reextract.mutate()}
      >
        <Button icon={<ReloadOutlined />} loading={reextract.isPending} data-testid="reextract">
          {t('review.reextract')}
        </Button>
      </Popconfirm>
      <Button
        type="primary"
        icon={<CheckCircleOutlined />}
        disabled={published}
        loading={publish.isPending}
        data-testid="publish"
        onClick={() =>
          modal.confirm({
            title: t('review.publishConfirmTitle'),
            content: t('review.publishConfirm'),
            okText: t('review.publishOk'),
            cancelText: t('common.cancel'),
            onOk: () => publish.mutateAsync().catch(() => undefined),
          })
        }
      >
        {published ? t('review.published') : t('review.publish')}
      </Button>
    </Space>
  );
}

function toLocalized(e: unknown, locale: 'zh' | 'en'): string {
  return toApiError(e).localized(locale);
}

function PlanHeader({ plan }: { plan: PlanView }) {
  const { t, locale } = useI18n();
  const fyp = fiveYearPlanLabel(t, locale, plan.periodStart, plan.periodEnd);
  return (
    <div className="plan-head">
      <Breadcrumb
        items={[{ title: <Link to="/">{t('nav.plans')}</Link> }, { title: plan.title }]}
        style={{ marginBottom: 8 }}
      />
      <Space size={10} align="center" wrap>
        <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }} data-testid="plan-title">
          {plan.title}
        </Typography.Title>
        <span data-testid="plan-status">
          <PlanStatusTag status={plan.status} />
        </span>
        {plan.isDemo && <Tag color="purple">{t('plans.demo')}</Tag>}
      </Space>
      <div className="plan-head-row">
        <div className="plan-meta">
          <span>
            <span className="plan-meta-label">{t('plan.region')}</span>
            {plan.region.name}
          </span>
          <span>
            <span className="plan-meta-label">{t('plan.period')}</span>
            {periodLabel(t, plan.periodStart, plan.periodEnd)}
            {fyp && <span className="plan-meta-fyp">{fyp}</span>}
          </span>
          <span>
            <span className="plan-meta-label">{t('plan.updated')}</span>
            {formatDateTime(plan.updatedAt)}
          </span>
          {plan.status === 'published' && <PlanMonitorLinks planId={plan.id} />}
          {plan.status === 'published' && <ReportLink planId={plan.id} />}
        </div>
        <ReviewActions plan={plan} />
      </div>
    </div>
  );
}

function ChildLinks({ items, onOpen, testId }: { items: OutlineItem[]; onOpen: (id: Id) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="child-list" data-testid={testId}>
      {items.map((c) => (
        <button type="button" key={String(c.id)} className="child-link" onClick={() => onOpen(c.id)}>
          <KindIcon kind={c.kind} />
          <span>
            <span className="outline-number">{c.number}</span> {c.title}
            {c.kind === 'chapter' && c.children.some((x) => x.kind === 'section') && (
              <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                {t('plan.childCount', { n: c.children.filter((x) => x.kind === 'section').length })}
              </Typography.Text>
            )}
          </span>
        </button>
      ))}
    </div>
  );
}

function Overview({ outline, onOpen }: { outline: OutlineItem[]; onOpen: (id: Id) => void }) {
  const { t } = useI18n();
  const counts = countKinds(indexOutline(outline).order);
  return (
    <div className="reader" data-testid="plan-overview">
      <h3 className="reader-title">{t('plan.overview')}</h3>
      <Typography.Paragraph type="secondary">
        {t('plan.stats', counts)}
        {t('plan.overviewHint')}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('plan.chapters')}</Typography.Title>
      <ChildLinks items={outline} onOpen={onOpen} testId="chapter-list" />
    </div>
  );
}

function Reader({
  planId,
  entry,
  prev,
  next,
  onOpen,
}: {
  planId: Id;
  entry: IndexEntry;
  prev: OutlineItem | undefined;
  next: OutlineItem | undefined;
  onOpen: (id: Id) => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { item, path } = entry;
  const [fullChapter, setFullChapter] = useState(false);
  const section = useQuery({
    queryKey: queryKeys.section(planId, item.id),
    queryFn: () => api.section(planId, item.id),
  });

  const sections = item.children.filter((c) => c.kind === 'section');
  const boxes = item.children.filter((c) => c.kind === 'box');
  const isChapterWithSections = item.kind === 'chapter' && sections.length > 0;

  let body: string | null = null;
  let introOnly = false;
  if (section.data) {
    const text = section.data.text;
    const first = item.children[0];
    // A chapter's text spans its sections too; by default show only what comes before the first section.
    const cut = isChapterWithSections && !fullChapter && first ? childHeadingOffset(text, first) : -1;
    if (cut >= 0) {
      body = stripHeading(text.slice(0, cut), item.number);
      introOnly = true;
    } else {
      body = stripHeading(text, item.number);
    }
  }

  return (
    <div className="reader" data-testid="reader" data-section-id={String(item.id)}>
      {path.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 6, fontSize: 13 }}
          items={path.map((p) => ({
            title: (
              <a
                href={`?section=${encodeURIComponent(p.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(p.id);
                }}
              >
                {p.number} {p.title}
              </a>
            ),
          }))}
        />
      )}
      <div className="reader-head">
        <Space align="start" size={8}>
          {kindTag(t, item.kind)}
          <h3 className="reader-title" data-testid="reader-title">
            <span className="outline-number">{item.number}</span> {item.title}
          </h3>
        </Space>
        <Button
          size="small"
          type="text"
          icon={<LinkOutlined />}
          onClick={() => {
            navigator.clipboard
              ?.writeText(window.location.href)
              .then(() => message.success(t('plan.linkCopied')))
              .catch(() => undefined);
          }}
        >
          {t('plan.copyLink')}
        </Button>
      </div>

      <div style={{ marginTop: 12 }}>
        {section.error ? (
          <ErrorAlert error={section.error} onRetry={() => section.refetch()} />
        ) : section.isLoading || body === null ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : introOnly && body.trim().length === 0 ? (
          <Typography.Paragraph type="secondary">{t('plan.noIntro')}</Typography.Paragraph>
        ) : (
          <SectionText text={body} empty={<Typography.Text type="secondary">{t('plan.emptyText')}</Typography.Text>} />
        )}
      </div>

      {isChapterWithSections && (
        <div className="reader-children">
          <div className="reader-children-head">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('plan.sectionsOfChapter')}
            </Typography.Title>
            <Button size="small" type="link" onClick={() => setFullChapter((v) => !v)}>
              {fullChapter ? t('plan.hideFullChapter') : t('plan.showFullChapter')}
            </Button>
          </div>
          <ChildLinks items={sections} onOpen={onOpen} testId="section-list" />
        </div>
      )}
      {boxes.length > 0 && (
        <div className="reader-children">
          <Typography.Title level={5}>{t('plan.itemsOfSection')}</Typography.Title>
          <ChildLinks items={boxes} onOpen={onOpen} testId="box-list" />
        </div>
      )}

      <div className="reader-pager">
        <Button icon={<LeftOutlined />} disabled={!prev} onClick={() => prev && onOpen(prev.id)}>
          {prev ? `${prev.number} ${prev.title}` : t('plan.prev')}
        </Button>
        <Button disabled={!next} onClick={() => next && onOpen(next.id)}>
          {next ? `${next.number} ${next.title}` : t('plan.next')}
          <RightOutlined />
        </Button>
      </div>
    </div>
  );
}

export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('section');

  const plan = useQuery({ queryKey: queryKeys.plan(id), queryFn: () => api.plan(id), enabled: id !== '' });
  const outline = useQuery({ queryKey: queryKeys.outline(id), queryFn: () => api.outline(id), enabled: id !== '' });

  const index = useMemo(() => indexOutline(outline.data ?? []), [outline.data]);
  const treeData = useMemo(() => toTreeData(outline.data ?? []), [outline.data]);
  const selected = selectedId ? index.byId.get(selectedId) : undefined;

  const [expanded, setExpanded] = useState<Key[]>([]);
  // Open the path to the selected node (and the node itself, so a chapter shows its sections).
  useEffect(() => {
    if (!selected) return;
    const keys = [
      ...selected.path.map((p) => String(p.id)),
      ...(selected.item.children.length > 0 ? [String(selected.item.id)] : []),
    ];
    setExpanded((prev) => Array.from(new Set([...prev, ...keys])));
  }, [selected]);

  // Bring the selected node into view inside the outline panel (a shared link may point deep into the plan).
  const outlineRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!selected) return;
    const timer = window.setTimeout(() => {
      const body = outlineRef.current?.querySelector<HTMLElement>('.ant-card-body');
      const node = body?.querySelector<HTMLElement>('.ant-tree-treenode-selected');
      if (!body || !node) return;
      const top = node.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
      if (top < body.scrollTop || top + node.offsetHeight > body.scrollTop + body.clientHeight) {
        body.scrollTo({ top: Math.max(0, top - body.clientHeight / 3) });
      }
    }, 350);
    return () => window.clearTimeout(timer);
  }, [selected]);

  useEffect(() => {
    if (plan.data) document.title = `${plan.data.title} - 蓝图 Lantu`;
    return () => {
      document.title = '蓝图 Lantu';
    };
  }, [plan.data]);

  const open = (sectionId: Id | null) => {
    setSearchParams(sectionId !== null ? { section: String(sectionId) } : {});
    window.scrollTo({ top: 0 });
  };

  if (plan.error) {
    return (
      <Card>
        <ErrorAlert error={plan.error} title={t('plan.notFound')} onRetry={() => plan.refetch()} />
        <div style={{ marginTop: 16 }}>
          <Link to="/">{t('plan.back')}</Link>
        </div>
      </Card>
    );
  }

  const withChildren = index.order.filter((it) => it.children.length > 0).map((it) => String(it.id));

  const outlineView = (
    <div className="plan-layout">
      <Card
        ref={outlineRef}
        className="plan-outline"
        size="small"
        title={t('plan.outline')}
        extra={
          <Space size={0}>
            <Button size="small" type="link" onClick={() => setExpanded(withChildren)}>
              {t('plan.expandAll')}
            </Button>
            <Button size="small" type="link" onClick={() => setExpanded([])}>
              {t('plan.collapseAll')}
            </Button>
          </Space>
        }
      >
        {outline.error ? (
          <ErrorAlert error={outline.error} onRetry={() => outline.refetch()} />
        ) : outline.isLoading ? (
          <Skeleton active />
        ) : treeData.length === 0 ? (
          <Empty description={t('plan.outlineEmpty')} />
        ) : (
          <Tree
            data-testid="outline-tree"
            showIcon
            blockNode
            virtual={false}
            treeData={treeData}
            selectedKeys={selected ? [String(selected.item.id)] : []}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys)}
            onSelect={(keys, info) => {
              const key = keys[0] ?? info.node.key;
              open(String(key));
            }}
          />
        )}
      </Card>
      <Card className="plan-reader">
        {outline.isLoading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : selected ? (
          <Reader
            key={String(selected.item.id)}
            planId={id}
            entry={selected}
            prev={index.order[selected.order - 1]}
            next={index.order[selected.order + 1]}
            onOpen={open}
          />
        ) : selectedId && outline.data ? (
          <Empty description={t('plan.sectionNotFound')} />
        ) : (
          <Overview outline={outline.data ?? []} onOpen={open} />
        )}
      </Card>
    </div>
  );

  return (
    <div data-testid="plan-page">
      {plan.data ? <PlanHeader plan={plan.data} /> : <Skeleton active paragraph={{ rows: 1 }} />}
      <ReviewHost planId={id} outlineView={outlineView} />
    </div>
  );
}

const TABS: { key: string; kind: PlanItemKind | null; label: MessageKey; render: () => ReactNode }[] = [
  { key: 'indicators', kind: 'indicator', label: 'review.tab.indicators', render: () => <IndicatorsTab /> },
  { key: 'projects', kind: 'project', label: 'review.tab.projects', render: () => <ProjectsTab /> },
  { key: 'clusters', kind: 'cluster', label: 'review.tab.clusters', render: () => <ClustersTab /> },
  { key: 'zones', kind: 'zone', label: 'review.tab.zones', render: () => <ZonesTab /> },
  { key: 'commitments', kind: 'commitment', label: 'review.tab.commitments', render: () => <CommitmentsTab /> },
];

/** The tabs of the plan page: the outline reader first, then one review tab per kind of extracted item. */
function ReviewHost({ planId, outlineView }: { planId: Id; outlineView: ReactNode }) {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') ?? 'outline';
  const [sourceItem, setSourceItem] = useState<PlanItem | null>(null);
  const [editTarget, setEditTarget] = useState<EditTarget | null>(null);
  // the table list also carries the counts of every kind, for the tab labels
  const summary = useQuery({
    queryKey: queryKeys.items(planId, 'indicator_table'),
    queryFn: () => api.items(planId, 'indicator_table'),
  });
  const ctx = useMemo<ReviewContextValue>(
    () => ({
      planId,
      showSource: setSourceItem,
      edit: (item) => setEditTarget({ kind: item.kind, item }),
      add: (kind, preset) => setEditTarget({ kind, ...(preset ? { preset } : {}) }),
    }),
    [planId],
  );
  const counts = summary.data?.counts;
  const label = (key: MessageKey, kind: PlanItemKind | null) => (
    <span data-testid={`tab-${kind ?? 'outline'}`}>
      {t(key)}
      {kind && counts && <span className="tab-count">{countOf(counts, kind)}</span>}
    </span>
  );
  return (
    <ReviewContext.Provider value={ctx}>
      <Tabs
        className="plan-tabs"
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => {
          const next = new URLSearchParams(searchParams);
          if (key === 'outline') next.delete('tab');
          else next.set('tab', key);
          setSearchParams(next);
        }}
        items={[
          { key: 'outline', label: label('review.tab.outline', null), children: outlineView },
          ...TABS.map((x) => ({ key: x.key, label: label(x.label, x.kind), children: x.render() })),
        ]}
      />
      <SourceDialog planId={planId} item={sourceItem} onClose={() => setSourceItem(null)} />
      <EditDialog planId={planId} target={editTarget} onClose={() => setEditTarget(null)} />
    </ReviewContext.Provider>
  );
}
