import { useI18n } from '../i18n';
import { Link } from '../router';

const SECTIONS = [
  { href: '/leitstelle', key: 'desk.nav.situation' },
  { href: '/leitstelle/zeitplan', key: 'desk.nav.timeline' },
  { href: '/leitstelle/telefon', key: 'desk.nav.phone' },
  { href: '/leitstelle/buchungen', key: 'desk.nav.bookings' },
] as const;

/** The desk's sections, on every desk page: the situation (map, attention, KPIs), the timeline, phone booking, bookings. */
export function DeskNav() {
  const { t } = useI18n();
  const path = location.pathname;
  return (
    <nav class="desk-nav" aria-label={t('desk.nav.label')}>
      <ul>
        {SECTIONS.map((section) => {
          const current = section.href === '/leitstelle' ? path === section.href : path === section.href || path.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link class="kern-link" href={section.href} aria-current={current ? 'page' : undefined}>{t(section.key)}</Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
