import { Alert, Button } from 'antd';
import { toApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** The server's message in the current language, with its stable code for support. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  const e = toApiError(error);
  const message = e.localized(locale);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      data-error-code={e.code}
      title={title ?? message}
      description={
        <>
          {title ? <div className="error-message">{message}</div> : null}
          <div className="error-code">
            {t('common.errorCode')}: {e.code}
          </div>
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
