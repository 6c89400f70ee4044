import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { IndicatorValue } from '../../api-indicators.ts';
import { formatDateTime } from '../../i18n.ts';
import { formatValue, type IndMessageKey, useIndI18n } from '../../i18n-indicators.ts';
import { documentsApi } from '../../pages/documents/api-documents.ts';
import { documentEvidence, documentLink } from './evidence.ts';
import { comparePeriods, periodLabel } from './periods.ts';

const STATE_COLOR: Record<IndicatorValue['state'], string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
};

/**
 * Every value of one region with what backs it: state, note, the document place it was read from (a link
 * that opens the text there), who entered it and when; generated demo values say 示例数据.
 */
export function ValuesEvidence({ values, unit }: { values: IndicatorValue[]; unit: string }) {
  const { t, locale } = useIndI18n();
  const needsDocs = values.some((v) => documentEvidence(v.evidence));
  const docs = useQuery({
    queryKey: ['documents'],
    queryFn: documentsApi.list,
    enabled: needsDocs,
    staleTime: 60_000,
  });
  const docName = (id: number) => docs.data?.find((d) => Number(d.id) === id)?.fileName ?? `#${id}`;
  const rows = [...values].sort((a, b) => comparePeriods(b.period, a.period));
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noData')} />;

  const columns: ColumnsType<IndicatorValue> = [
    { key: 'period', title: t('detail.col.period'), width: 110, render: (_, v) => periodLabel(v.period, locale) },
    {
      key: 'value',
      title: `${t('detail.col.value')}${unit ? (locale === 'zh' ? `（${unit}）` : ` (${unit})`) : ''}`,
      width: 100,
      align: 'right',
      render: (_, v) => formatValue(locale, v.value, 4),
    },
    {
      key: 'state',
      title: t('detail.valueState'),
      width: 120,
      render: (_, v) => (
        <span>
          <Tag color={STATE_COLOR[v.state]} data-state={v.state}>
            {t(`entry.state.${v.state}` as IndMessageKey)}
          </Tag>
          {v.isDemo && (
            <Tag color="purple" data-testid="value-demo" title={t('common.demoHint')}>
              {t('common.demo')}
            </Tag>
          )}
          {v.state === 'returned' && v.returnReason && (
            <div className="mon-field-warning">{t('entry.returnedBecause', { reason: v.returnReason })}</div>
          )}
        </span>
      ),
    },
    {
      key: 'note',
      title: t('detail.col.note'),
      render: (_, v) =>
        v.note ? <span style={{ fontSize: 13 }}>{v.note}</span> : <span className="mon-muted">—</span>,
    },
    {
      key: 'evidence',
      title: t('detail.col.evidence'),
      width: 260,
      render: (_, v) => {
        const doc = documentEvidence(v.evidence);
        if (doc) {
          const label =
            doc.start !== null && doc.end !== null
              ? t('detail.evidence.doc', { name: docName(doc.documentId), start: doc.start, end: doc.end })
              : t('detail.evidence.docOnly', { name: docName(doc.documentId) });
          return (
            <div>
              <Link to={documentLink(doc)} data-testid="evidence-link">
                {label} → {t('detail.evidence.open')}
              </Link>
              {doc.text && (
                <Tooltip title={doc.text}>
                  <div className="mon-sub mon-evidence-quote">“{doc.text}”</div>
                </Tooltip>
              )}
            </div>
          );
        }
        const upload = v.evidence && typeof v.evidence.upload === 'string' ? v.evidence.upload : null;
        if (upload) return <span>{t('detail.evidence.upload', { name: upload })}</span>;
        return <span className="mon-muted">{t('detail.evidence.none')}</span>;
      },
    },
    {
      key: 'who',
      title: t('detail.col.who'),
      width: 160,
      render: (_, v) => (
        <div>
          {v.updatedBy}
          <div className="mon-sub">{formatDateTime(v.updatedAt)}</div>
        </div>
      ),
    },
  ];
  return (
    <Table<IndicatorValue>
      rowKey="id"
      size="small"
      data-testid="values-evidence"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
      scroll={{ x: 860 }}
    />
  );
}
