import { lazy } from 'preact/compat';
import type { Route } from '../route';

// The desk's code (and its map) loads only when a dispatcher opens it, never on the villagers' first screen.
const SituationPage = lazy(() => import('./situation-page'));
const TimelinePage = lazy(() => import('./timeline-page'));
const PhoneBookingPage = lazy(() => import('./phone-booking-page'));
const BookingsPage = lazy(() => import('./bookings-page'));

const desk = { private: true, audience: 'desk', wide: true } as const;

export const DESK_ROUTES: Route[] = [
  { pattern: '/leitstelle', Page: SituationPage, titleKey: 'desk.title', ...desk },
  { pattern: '/leitstelle/zeitplan', Page: TimelinePage, titleKey: 'desk.nav.timeline', ...desk },
  { pattern: '/leitstelle/telefon', Page: PhoneBookingPage, titleKey: 'desk.nav.phone', ...desk },
  { pattern: '/leitstelle/buchungen', Page: BookingsPage, titleKey: 'desk.nav.bookings', ...desk },
  { pattern: '/leitstelle/buchungen/:id', Page: lazy(() => import('./booking-page')), titleKey: 'deskBooking.booking.title', ...desk },
];
