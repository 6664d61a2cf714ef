import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { api } from '../api';
import { audienceOf, homeOf } from '../route';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { focusHeading } from '../lib/focus';

/** Header with the service's name, navigation and language switch; the page; the footer. */
/** A navigation link, marked as the current page on its own pages (the booking's steps belong to "book"). */
function NavLink(props: { href: string; path: string; children: ComponentChildren }) {
  const current = props.path === props.href || (props.href !== '/' && props.path.startsWith(`${props.href}/`));
  return (
    <Link class="kern-link" href={props.href} aria-current={current ? 'page' : undefined}>
      {props.children}
    </Link>
  );
}

export function Layout(props: { titleKey: string; routeKey: string; wide?: boolean; children: ComponentChildren }) {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const { user } = session;
  /** Staff log out from the header (villagers do it on their account page). Offline the service keeps the session; the device forgets it anyway. */
  const logOut = async () => {
    await api('DELETE', '/v1/session').catch(() => undefined);
    session.signedOut();
    navigate('/anmelden');
  };
  const first = useRef(true);

  useEffect(() => {
    document.title = `${t(props.titleKey)} – ${t('app.name')}`;
  }, [props.titleKey, t]);
  useEffect(() => {
    // On the first load the browser starts at the top; after a change of page, the new heading takes the focus.
    if (first.current) first.current = false;
    else focusHeading();
  }, [props.routeKey]);

  const other = lang === 'de' ? 'en' : 'de';
  return (
    <div class={props.wide ? 'site site--wide' : 'site'}>
      <a class="skip-link kern-link" href="#inhalt">{t('layout.skip')}</a>
      <header class="site-header">
        <div class="site-header__inner">
          <Link class="site-header__name kern-link" href="/">
            <img src="/icon.svg" alt="" width="40" height="40" />
            <span>{t('app.name')}</span>
          </Link>
          <button type="button" class="kern-btn kern-btn--tertiary lang-switch" lang={other} onClick={() => setLang(other)}>
            <span class="kern-icon kern-icon--language" aria-hidden="true" />
            <span class="kern-label">{t('layout.otherLanguage')}</span>
          </button>
        </div>
        <nav class="site-nav" aria-label={t('layout.navLabel')}>
          <ul>
            {user && audienceOf(user.role) !== 'rider' ? (
              <>
                <li><NavLink path={props.routeKey} href={homeOf(user.role)}>{t(audienceOf(user.role) === 'driver' ? 'nav.driver' : 'nav.desk')}</NavLink></li>
                {user.role === 'admin' && <li><NavLink path={props.routeKey} href="/verwaltung">{t('nav.admin')}</NavLink></li>}
                <li><button type="button" class="kern-btn kern-btn--tertiary nav-button" onClick={() => void logOut()}><span class="kern-label">{t('nav.logout')}</span></button></li>
              </>
            ) : user ? (
              <>
                <li><NavLink path={props.routeKey} href="/buchen">{t('nav.book')}</NavLink></li>
                <li><NavLink path={props.routeKey} href="/fahrten">{t('nav.rides')}</NavLink></li>
                <li><NavLink path={props.routeKey} href="/meine-daten">{t('nav.account')}</NavLink></li>
              </>
            ) : (
              <>
                <li><NavLink path={props.routeKey} href="/anmelden">{t('nav.login')}</NavLink></li>
                <li><NavLink path={props.routeKey} href="/registrieren">{t('nav.signup')}</NavLink></li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="inhalt" class="site-main" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="site-footer">
        <ul>
          <li><NavLink path={props.routeKey} href="/datenschutz">{t('nav.privacy')}</NavLink></li>
        </ul>
        <p class="kern-body">{t('layout.footer')}</p>
      </footer>
    </div>
  );
}
