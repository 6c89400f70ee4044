import { SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useRubricI18n } from './strings.ts';

/** The quarter page's way to the rubric page (评分细则). */
export function RubricLink() {
  const { t } = useRubricI18n();
  return (
    <Link to="/projects/rubrics" data-testid="rubric-link">
      <SettingOutlined /> {t('r.link')}
    </Link>
  );
}
