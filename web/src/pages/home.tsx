import { useI18n } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import type { PageProps } from '../page-props';

export function HomePage(props: PageProps) {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <h1 class="kern-heading-x-large">{t('home.heading')}</h1>
      {props.query.get('konto') === 'geloescht' && (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--success" aria-hidden="true" />
            <p class="kern-title">{t('home.deleted')}</p>
          </div>
        </div>
      )}
      <p class="kern-body kern-body--large">{t('home.intro')}</p>
      <div class="button-row">
        {user ? (
          <>
            <Link class="kern-btn kern-btn--primary" href="/buchen"><span class="kern-label">{t('home.book')}</span></Link>
            <Link class="kern-btn kern-btn--secondary" href="/fahrten"><span class="kern-label">{t('home.rides')}</span></Link>
          </>
        ) : (
          <>
            <Link class="kern-btn kern-btn--primary" href="/registrieren"><span class="kern-label">{t('home.signup')}</span></Link>
            <Link class="kern-btn kern-btn--secondary" href="/anmelden"><span class="kern-label">{t('home.login')}</span></Link>
          </>
        )}
      </div>
      <h2 class="kern-heading-medium">{t('home.howHeading')}</h2>
      <ol class="kern-list kern-list--number">
        <li>{t('home.how1')}</li>
        <li>{t('home.how2')}</li>
        <li>{t('home.how3')}</li>
      </ol>
      <p class="kern-body">{t('home.phone')}</p>
    </>
  );
}
