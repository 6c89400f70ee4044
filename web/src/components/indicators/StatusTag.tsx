import { Tag, Tooltip } from 'antd';
import type { Attribute, Status } from '../../api-indicators.ts';
import { pick, statusLabel, useIndI18n } from '../../i18n-indicators.ts';

/** antd preset colour of each status: green done, cyan ahead, blue on track, orange→volcano behind. */
export const STATUS_TAG_COLOR: Record<Status, string> = {
  achieved_early: 'green',
  achieved: 'green',
  ahead: 'cyan',
  on_track: 'blue',
  behind: 'orange',
  seriously_behind: 'volcano',
  warning: 'gold',
  failed: 'red',
  no_data: 'default',
  not_assessable: 'default',
};

/** The same colours as hex, for charts. */
export const STATUS_HEX: Record<Status, string> = {
  achieved_early: '#389e0d',
  achieved: '#73d13d',
  ahead: '#13c2c2',
  on_track: '#1677ff',
  behind: '#fa8c16',
  seriously_behind: '#fa541c',
  warning: '#faad14',
  failed: '#f5222d',
  no_data: '#bfbfbf',
  not_assessable: '#d9d9d9',
};

export function StatusTag({ status, reason }: { status: Status; reason?: { zh: string; en: string } | null }) {
  const { t, locale } = useIndI18n();
  const tag = (
    <Tag color={STATUS_TAG_COLOR[status]} data-status={status} className="mon-status-tag">
      {statusLabel(t, status)}
    </Tag>
  );
  if (!reason) return tag;
  return (
    <Tooltip title={pick(locale, reason)} placement="left">
      {tag}
    </Tooltip>
  );
}

export function AttributeTag({ attribute }: { attribute: Attribute }) {
  const { t } = useIndI18n();
  return attribute === 'binding' ? (
    <Tag color="red" data-attribute="binding">
      {t('attr.binding')}
    </Tag>
  ) : (
    <Tag data-attribute="expected">{t('attr.expected')}</Tag>
  );
}
