import { hasText, useI18n } from '../i18n';
import type { Overview } from './overview-live';

/** A horizontal bar, `share` 0..1 of the width: a picture of the number written beside it. */
function Bar(props: { share: number; tone: 'good' | 'bad' | 'plain' }) {
  const width = Math.round(Math.max(0, Math.min(1, props.share)) * 100);
  return (
    <svg class={`kpi-bar kpi-bar--${props.tone}`} viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="kpi-bar__track" x="0" y="0" width="100" height="8" rx="2" />
      <rect class="kpi-bar__fill" x="0" y="0" width={width} height="8" rx="2" />
    </svg>
  );
}

/** The day in numbers: served and rejected (and why), pooled share, punctuality, kilometres driven and still planned. */
export function KpiPanel(props: { overview: Overview }) {
  const { t, lang } = useI18n();
  const k = props.overview.kpis;
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const percent = (share: number | null) => (share === null ? t('desk.kpi.none') : `${Math.round(share * 100)} %`);
  const km = (value: number) => `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} km`;
  const reasons = new Map<string, number>();
  for (const b of props.overview.bookings.rejected) {
    const reason = b.rejection?.reason && hasText(`desk.kpi.reasons.${b.rejection.reason}`) ? b.rejection.reason : 'other';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const decided = k.served + k.rejected;
  const totalKm = Math.max(k.drivenKm + k.plannedKm, 1);
  return (
    <section class="desk-panel" aria-labelledby="kpi-heading">
      <h2 class="kern-heading-medium" id="kpi-heading">{t('desk.kpi.heading')}</h2>
      <dl class="kpis">
        <div class="kpi">
          <dt class="kern-label">{t('desk.kpi.served')}</dt>
          <dd class="kern-body">{k.served}</dd>
          <dd><Bar share={decided ? k.served / decided : 0} tone="good" /></dd>
        </div>
        <div class="kpi">
          <dt class="kern-label">{t('desk.kpi.rejected')}</dt>
          <dd class="kern-body">{k.rejected}</dd>
          <dd><Bar share={decided ? k.rejected / decided : 0} tone="bad" /></dd>
          {[...reasons].map(([reason, count]) => (
            <dd key={reason} class="kpi__reason kern-body kern-body--small">{t(`desk.kpi.reasons.${reason}`)}: {count}</dd>
          ))}
        </div>
        <div class="kpi">
          <dt class="kern-label">{t('desk.kpi.pooled')}</dt>
          <dd class="kern-body">{percent(k.pooledShare)}</dd>
          <dd><Bar share={k.pooledShare ?? 0} tone="plain" /></dd>
        </div>
        <div class="kpi">
          <dt class="kern-label">{t('desk.kpi.punctuality')}</dt>
          <dd class="kern-body">{percent(k.punctuality)}</dd>
          <dd><Bar share={k.punctuality ?? 0} tone="good" /></dd>
        </div>
        <div class="kpi kpi--wide">
          <dt class="kern-label">{t('desk.kpi.km')}</dt>
          <dd class="kern-body">{t('desk.kpi.kmValue', { driven: km(k.drivenKm), planned: km(k.plannedKm) })}</dd>
          <dd><Bar share={k.drivenKm / totalKm} tone="plain" /></dd>
        </div>
      </dl>
    </section>
  );
}
