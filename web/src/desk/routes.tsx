import { lazy } from 'preact/compat';
import type { Route } from '../route';

// The desk's code (and its map) loads only when a dispatcher opens it, never on the villagers' first screen.
const DeskHome = lazy(() => import('./desk-home'));

export const DESK_ROUTES: Route[] = [
  { pattern: '/leitstelle', Page: DeskHome, titleKey: 'desk.title', private: true, audience: 'desk', wide: true },
];
