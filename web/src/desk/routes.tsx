import { lazyPage, type Route } from '../route';

const texts = () => import('./texts');

// The desk's code (and its map) loads only when a dispatcher opens it, never on the villagers' first screen.
const SituationPage = lazyPage(() => import('./situation-page'), texts);
const TimelinePage = lazyPage(() => import('./timeline-page'), texts);
const PhoneBookingPage = lazyPage(() => import('./phone-booking-page'), texts);
const BookingsPage = lazyPage(() => import('./bookings-page'), texts);

const desk = { private: true, audience: 'desk', wide: true } as const;

export const DESK_ROUTES: Route[] = [
  { pattern: '/leitstelle', Page: SituationPage, titleKey: 'desk.title', ...desk },
  { pattern: '/leitstelle/zeitplan', Page: TimelinePage, titleKey: 'desk.nav.timeline', ...desk },
  { pattern: '/leitstelle/telefon', Page: PhoneBookingPage, titleKey: 'desk.nav.phone', ...desk },
  { pattern: '/leitstelle/buchungen', Page: BookingsPage, titleKey: 'desk.nav.bookings', ...desk },
  { pattern: '/leitstelle/buchungen/:id', Page: lazyPage(() => import('./booking-page'), texts), titleKey: 'deskBooking.booking.title', ...desk },
];
