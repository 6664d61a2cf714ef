import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';

const SECTIONS = ['who', 'what', 'why', 'device'] as const;

export function PrivacyPage() {
  const { t } = useI18n();
  const [retentionDays, setRetentionDays] = useState<number | null>(null);
  useEffect(() => {
    get<{ retentionDays?: number }>('/v1/client-settings')
      .then((s) => setRetentionDays(typeof s.retentionDays === 'number' ? s.retentionDays : null))
      .catch(() => undefined);
  }, []);
  return (
    <>
      <h1 class="kern-heading-x-large">{t('privacy.title')}</h1>
      <p class="kern-body kern-body--large">{t('privacy.intro')}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`} class="kern-heading-medium">{t(`privacy.${section}.heading`)}</h2>
          <p class="kern-body">{t(`privacy.${section}.text`)}</p>
        </section>
      ))}
      <section aria-labelledby="privacy-how-long">
        <h2 id="privacy-how-long" class="kern-heading-medium">{t('privacy.howLong.heading')}</h2>
        <p class="kern-body">
          {retentionDays === null ? t('privacy.howLong.textUnknown') : t('privacy.howLong.text', { days: retentionDays })}
        </p>
        <p class="kern-body">{t('privacy.howLong.account')}</p>
      </section>
      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights" class="kern-heading-medium">{t('privacy.rights.heading')}</h2>
        <p class="kern-body">{t('privacy.rights.text')}</p>
      </section>
      <p class="kern-body">
        <Link class="kern-link" href="/meine-daten">{t('privacy.myData')}</Link>
      </p>
    </>
  );
}
