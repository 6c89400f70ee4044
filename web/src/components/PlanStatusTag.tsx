import { Tag } from 'antd';
import type { PlanView } from '../api.ts';
import { useI18n } from '../i18n.ts';

export function PlanStatusTag({ status }: { status: PlanView['status'] }) {
  const { t } = useI18n();
  return status === 'published' ? (
    <Tag color="green">{t('status.published')}</Tag>
  ) : (
    <Tag color="default">{t('status.draft')}</Tag>
  );
}
