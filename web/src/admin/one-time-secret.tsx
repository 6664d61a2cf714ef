import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface Secret {
  name: string;
  phone: string;
  password: string;
  token: string;
}

/** A new login's password and API token, shown this once (the service keeps only their hashes). */
export function OneTimeSecret(props: { secret: Secret; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.secret]);
  return (
    <div class="kern-alert kern-alert--warning one-time" role="region" aria-labelledby="secret-heading">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--warning" aria-hidden="true" />
        <h2 class="kern-title" id="secret-heading" tabIndex={-1} ref={heading}>{t('admin.users.secretHeading', { name: props.secret.name })}</h2>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{t('admin.users.secretIntro', { phone: props.secret.phone })}</p>
        <dl class="kern-description-list">
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('admin.users.password')}</dt>
            <dd class="kern-description-list-item__value one-time-secret">{props.secret.password}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('admin.users.token')}</dt>
            <dd class="kern-description-list-item__value one-time-token">{props.secret.token}</dd>
          </div>
        </dl>
        <div class="button-row">
          <button type="button" class="kern-btn kern-btn--secondary" onClick={props.onDone}><span class="kern-label">{t('admin.users.secretDone')}</span></button>
        </div>
      </div>
    </div>
  );
}
