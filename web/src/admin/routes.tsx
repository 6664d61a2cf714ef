import { lazyPage, type Route } from '../route';

const texts = () => import('./texts');

// The operator's pages load only when an admin opens them.
const AreasPage = lazyPage(() => import('./areas-page'), texts);
const NewAreaPage = lazyPage(() => import('./new-area-page'), texts);
const AreaPage = lazyPage(() => import('./area-page'), texts);
const BoundaryPage = lazyPage(() => import('./boundary-page'), texts);
const StopsPage = lazyPage(() => import('./stops-page'), texts);
const FleetPage = lazyPage(() => import('./fleet-page'), texts);
const UsersPage = lazyPage(() => import('./users-page'), texts);

const admin = { private: true, audience: 'admin', wide: true } as const;

export const ADMIN_ROUTES: Route[] = [
  { pattern: '/verwaltung', Page: AreasPage, titleKey: 'admin.areas.heading', ...admin },
  { pattern: '/verwaltung/zugaenge', Page: UsersPage, titleKey: 'admin.users.heading', ...admin },
  { pattern: '/verwaltung/neu', Page: NewAreaPage, titleKey: 'admin.newArea.heading', ...admin },
  { pattern: '/verwaltung/gebiete/:id', Page: AreaPage, titleKey: 'admin.area.title', ...admin },
  { pattern: '/verwaltung/gebiete/:id/haltestellen', Page: StopsPage, titleKey: 'admin.nav.stops', ...admin },
  { pattern: '/verwaltung/gebiete/:id/fahrzeuge', Page: FleetPage, titleKey: 'admin.nav.fleet', ...admin },
  { pattern: '/verwaltung/gebiete/:id/grenze', Page: BoundaryPage, titleKey: 'admin.boundary.heading', ...admin },
];
