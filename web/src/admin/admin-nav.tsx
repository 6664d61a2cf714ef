import './admin.css';
import { useI18n } from '../i18n';
import { Link } from '../router';

const AREA_SECTIONS = [
  { path: '', key: 'admin.nav.settings' },
  { path: '/grenze', key: 'admin.nav.boundary' },
  { path: '/haltestellen', key: 'admin.nav.stops' },
  { path: '/fahrzeuge', key: 'admin.nav.fleet' },
] as const;

/** The operator's sections: all areas, the staff logins and, on an area's pages, that area's settings, boundary, stops and fleet. */
export function AdminNav(props: { areaId?: string; areaName?: string }) {
  const { t } = useI18n();
  const path = location.pathname;
  const link = (href: string, text: string) => (
    <li key={href}>
      <Link class="kern-link" href={href} aria-current={path === href ? 'page' : undefined}>{text}</Link>
    </li>
  );
  return (
    <nav class="desk-nav" aria-label={t('admin.nav.label')}>
      <ul>
        {link('/verwaltung', t('admin.nav.areas'))}
        {link('/verwaltung/zugaenge', t('admin.nav.users'))}
        {props.areaId && AREA_SECTIONS.map((s) => link(`/verwaltung/gebiete/${props.areaId}${s.path}`, t(s.key, { area: props.areaName ?? '' })))}
      </ul>
    </nav>
  );
}
