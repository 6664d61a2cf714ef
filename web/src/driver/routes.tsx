import { lazyPage, type Route } from '../route';

const texts = () => import('./texts');

// The tablet's code loads only when a driver opens it.
const DriverHome = lazyPage(() => import('./driver-home'), texts);

export const DRIVER_ROUTES: Route[] = [
  { pattern: '/fahrer', Page: DriverHome, titleKey: 'driver.title', private: true, audience: 'driver', wide: true },
];
