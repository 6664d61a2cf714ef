import { useI18n } from '../i18n';
import { homeOf } from '../route';
import { Link } from '../router';
import { useSession } from '../session';
import type { PageProps } from '../page-props';

/** A staff page (or a villager's page) opened with another kind of login: say whose page it is and offer the way on. */
export function NoAccessPage(props: PageProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const back = encodeURIComponent(location.pathname + location.search);
  return (
    <>
      <h1 class="kern-heading-x-large">{t('noAccess.title')}</h1>
      <p class="kern-body">{t(`noAccess.${props.params.audience}`)}</p>
      <div class="button-row">
        <Link class="kern-btn kern-btn--primary" href={homeOf(user?.role)}><span class="kern-label">{t('noAccess.home')}</span></Link>
        <Link class="kern-btn kern-btn--secondary" href={`/anmelden?weiter=${back}`}><span class="kern-label">{t('noAccess.switch')}</span></Link>
      </div>
    </>
  );
}
