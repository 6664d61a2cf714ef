import { useI18n } from '../i18n';
import { Link } from '../router';
import type { PageProps } from '../page-props';

/** A private page asked for without a session: say so and offer to log in (then come back). */
export function LoginRequired(props: PageProps) {
  const { t } = useI18n();
  if (props.params.pending) return <p class="kern-body" role="status">{t('common.loading')}</p>;
  const back = encodeURIComponent(location.pathname + location.search);
  return (
    <>
      <h1 class="kern-heading-x-large">{t('loginRequired.title')}</h1>
      <p class="kern-body">{t('loginRequired.text')}</p>
      <div class="button-row">
        <Link class="kern-btn kern-btn--primary" href={`/anmelden?weiter=${back}`}><span class="kern-label">{t('nav.login')}</span></Link>
        <Link class="kern-btn kern-btn--secondary" href="/registrieren"><span class="kern-label">{t('nav.signup')}</span></Link>
      </div>
    </>
  );
}
