import { lazy } from 'preact/compat';
import type { Route } from '../route';

// The tablet's code loads only when a driver opens it.
const DriverHome = lazy(() => import('./driver-home'));

export const DRIVER_ROUTES: Route[] = [
  { pattern: '/fahrer', Page: DriverHome, titleKey: 'driver.title', private: true, audience: 'driver', wide: true },
];
