import { Tag, Tooltip } from 'antd';
import type { Library, Light, Milestone, Project } from '../../api-projects.ts';
import { MILESTONES } from '../../api-projects.ts';
import type { Locale } from '../../i18n.ts';
import { type ProjMessageKey, type ProjTranslate, useProjI18n } from './strings.ts';

/** 谋划 grey-blue, 储备 purple, 建设 orange, 达效 green. */
export const LIBRARY_COLOR: Record<Library, string> = {
  conceived: 'geekblue',
  reserve: 'purple',
  construction: 'orange',
  in_effect: 'green',
};
export const LIBRARY_HEX: Record<Library, string> = {
  conceived: '#2f54eb',
  reserve: '#722ed1',
  construction: '#fa8c16',
  in_effect: '#52c41a',
};
export const LIGHT_HEX: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };

export const libLabel = (t: ProjTranslate, l: Library) => t(`lib.${l}` as ProjMessageKey);
export const msLabel = (t: ProjTranslate, m: Milestone) => t(`ms.${m}` as ProjMessageKey);

export function LibraryTag({ library }: { library: Library }) {
  const { t } = useProjI18n();
  return (
    <Tag color={LIBRARY_COLOR[library]} data-library={library}>
      {libLabel(t, library)}
    </Tag>
  );
}

export function LightDot({ light, title }: { light: Light | undefined; title?: string | undefined }) {
  const { t } = useProjI18n();
  if (!light) return <span className="proj-light proj-light-unknown" />;
  const label = t(`light.${light}` as ProjMessageKey);
  return (
    <Tooltip title={title ?? label}>
      <span
        className="proj-light"
        data-light={light}
        role="img"
        aria-label={label}
        style={{
          display: 'inline-block',
          width: 12,
          height: 12,
          borderRadius: '50%',
          background: LIGHT_HEX[light],
          boxShadow: `0 0 0 3px ${LIGHT_HEX[light]}33`,
        }}
      />
    </Tooltip>
  );
}

/** 签约 ✓ 开工 ✓ 竣工 · …: the milestones reached, compactly. */
export function MilestoneDots({ project }: { project: Project }) {
  const { t } = useProjI18n();
  const reached = MILESTONES.filter((m) => project.milestones[m]);
  const last = reached[reached.length - 1];
  return (
    <Tooltip title={MILESTONES.map((m) => `${msLabel(t, m)} ${project.milestones[m] ?? '—'}`).join('；')}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {MILESTONES.map((m) => (
          <span
            key={m}
            style={{
              display: 'inline-block',
              width: 8,
              height: 8,
              marginRight: 3,
              borderRadius: 2,
              background: project.milestones[m] ? '#1d4ed8' : '#e5e7eb',
            }}
          />
        ))}
        <span style={{ marginLeft: 4, color: '#555' }}>{last ? msLabel(t, last) : t('common.none')}</span>
      </span>
    </Tooltip>
  );
}

export function formatWan(locale: Locale, n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 }).format(n);
}

export function pct(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${(n * 100).toFixed(1)}%`;
}

export function pickText(locale: Locale, v: { zh: string; en: string }): string {
  return locale === 'zh' ? v.zh : v.en;
}
