import type { FunctionComponent } from 'preact';
import { match } from './router';
import { lazyPage, mayOpen, type Route } from './route';
import { DESK_ROUTES } from './desk/routes';
import { DRIVER_ROUTES } from './driver/routes';
import { ADMIN_ROUTES } from './admin/routes';
import { NoAccessPage } from './pages/no-access';
import type { User } from './types';
import type { PageProps } from './page-props';
import { HomePage } from './pages/home';
import { NotFoundPage } from './pages/not-found';
import { PrivacyPage } from './pages/privacy';
import { LoginRequired } from './pages/login-required';
import { LoginPage } from './pages/login';
import { SignupPage } from './pages/signup';
import { ForgotPasswordPage } from './pages/forgot-password';
import { PlaceStep } from './pages/book/place-step';
import { WhenStep } from './pages/book/when-step';
import { DetailsStep } from './pages/book/details-step';
import { CheckStep } from './pages/book/check-step';
import { AnswerPage } from './pages/book/answer-page';
import { RidesPage } from './pages/rides';
import { RidePage } from './pages/ride';
import { AccountPage } from './pages/account';

export type { PageProps };

const ROUTES: Route[] = [
  { pattern: '/', Page: HomePage, titleKey: 'home.title' },
  { pattern: '/datenschutz', Page: PrivacyPage, titleKey: 'privacy.title' },
  { pattern: '/anmelden', Page: LoginPage, titleKey: 'login.title' },
  { pattern: '/registrieren', Page: SignupPage, titleKey: 'signup.title' },
  { pattern: '/passwort-vergessen', Page: ForgotPasswordPage, titleKey: 'forgot.title' },
  { pattern: '/buchen', Page: () => <PlaceStep which="from" />, titleKey: 'book.from.heading', private: true },
  { pattern: '/buchen/ziel', Page: () => <PlaceStep which="to" />, titleKey: 'book.to.heading', private: true },
  { pattern: '/buchen/zeit', Page: WhenStep, titleKey: 'book.when.heading', private: true },
  { pattern: '/buchen/angaben', Page: DetailsStep, titleKey: 'book.details.heading', private: true },
  { pattern: '/buchen/pruefen', Page: CheckStep, titleKey: 'book.check.heading', private: true },
  { pattern: '/buchen/antwort/:id', Page: AnswerPage, titleKey: 'answer.title', private: true },
  { pattern: '/fahrten', Page: RidesPage, titleKey: 'rides.title', private: true },
  { pattern: '/fahrten/:id', Page: RidePage, titleKey: 'ride.title', private: true },
  { pattern: '/meine-daten', Page: AccountPage, titleKey: 'account.title', private: true },
  // The API's documentation loads only when someone opens it; its texts are in the main catalogue.
  { pattern: '/docs', Page: lazyPage(() => import('./pages/api-docs'), async () => undefined), titleKey: 'docs.title', wide: true },
  ...DESK_ROUTES,
  ...DRIVER_ROUTES,
  ...ADMIN_ROUTES,
];

export interface FoundRoute {
  Page: FunctionComponent<PageProps>;
  params: Record<string, string>;
  titleKey: string;
  wide?: boolean;
}

export function routeFor(path: string, user: User | null | undefined): FoundRoute {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (!params) continue;
    if (route.private && !user) return { Page: LoginRequired, params: { pending: user === undefined ? 'yes' : '' }, titleKey: 'login.title' };
    if (route.audience && !mayOpen(user?.role, route.audience)) return { Page: NoAccessPage, params: { audience: route.audience }, titleKey: 'noAccess.title' };
    return { Page: route.Page, params, titleKey: route.titleKey, wide: route.wide };
  }
  return { Page: NotFoundPage, params: {}, titleKey: 'notFound.title' };
}
