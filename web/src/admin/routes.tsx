import { lazy } from 'preact/compat';
import type { Route } from '../route';

// The operator's pages load only when an admin opens them.
const AreasPage = lazy(() => import('./areas-page'));
const NewAreaPage = lazy(() => import('./new-area-page'));
const AreaPage = lazy(() => import('./area-page'));
const BoundaryPage = lazy(() => import('./boundary-page'));
const StopsPage = lazy(() => import('./stops-page'));
const FleetPage = lazy(() => import('./fleet-page'));
const UsersPage = lazy(() => import('./users-page'));

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
