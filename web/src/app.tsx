import { Suspense } from 'preact/compat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { setCsrfToken } from './api';
import { I18nContext, initialLang, onTextsAdded, rememberLang, translator, type Lang } from './i18n';
import { Layout } from './components/layout';
import { forgetRides } from './lib/ride-cache';
import { forgetDriverManifest } from './driver/manifest-cache';
import { routeFor } from './routes';
import { useLocation } from './router';
import { loadSession, rememberUser, SessionContext, type Session } from './session';
import type { SessionAnswer, User } from './types';

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const { path, query } = useLocation();

  useEffect(() => {
    document.documentElement.lang = lang;
    void loadSession().then((answer) => setUser(answer.user));
  }, []);

  // Texts that arrive with a staff page's code: a new translator, so the title and the page show them.
  const [texts, setTexts] = useState(0);
  useEffect(() => onTextsAdded(() => setTexts((n) => n + 1)), []);
  const i18n = useMemo(() => ({ lang, t: translator(lang), setLang: (next: Lang) => (rememberLang(next), setLang(next)) }), [lang, texts]);
  const session = useMemo<Session>(
    () => ({
      user,
      signedIn: (answer: SessionAnswer) => {
        setCsrfToken(answer.csrfToken);
        rememberUser(answer.user);
        setUser(answer.user);
      },
      signedOut: () => {
        setCsrfToken(null);
        forgetRides();
        forgetDriverManifest();
        rememberUser(null);
        setUser(null);
      },
    }),
    [user],
  );
  const route = routeFor(path, user);

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <Layout titleKey={route.titleKey} routeKey={path} wide={route.wide}>
          {/* The desk's and the tablet's pages load their code on first use. */}
          <Suspense fallback={<p class="kern-body" role="status">{i18n.t('common.loading')}</p>}>
            <route.Page params={route.params} query={query} />
          </Suspense>
        </Layout>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}
