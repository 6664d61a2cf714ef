import { useI18n } from '../i18n';

/** In the demo (SMS_DELIVERY=demo) no SMS goes out: the code the API returns is shown here, clearly marked. */
export function DemoCode(props: { code?: string }) {
  const { t } = useI18n();
  if (!props.code) return null;
  return (
    <div class="kern-alert kern-alert--info" role="note" aria-labelledby="demo-code-title">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--info" aria-hidden="true" />
        <h2 class="kern-title" id="demo-code-title">{t('demo.title')}</h2>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">
          {t('demo.text')} <strong class="demo-code">{props.code}</strong>
        </p>
      </div>
    </div>
  );
}
