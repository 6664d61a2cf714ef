import type { FunctionComponent } from 'preact';
import { match } from './router';
import type { User } from './types';
import { HomePage } from './pages/home';
import { NotFoundPage } from './pages/not-found';
import { PrivacyPage } from './pages/privacy';
import { LoginRequired } from './pages/login-required';

export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

interface Route {
  pattern: string;
  Page: FunctionComponent<PageProps>;
  titleKey: string;
  /** Pages with personal data: logged-out visitors are asked to log in first. */
  private?: boolean;
}

const ROUTES: Route[] = [
  { pattern: '/', Page: HomePage, titleKey: 'home.title' },
  { pattern: '/datenschutz', Page: PrivacyPage, titleKey: 'privacy.title' },
];

export function routeFor(path: string, user: User | null | undefined): { Page: FunctionComponent<PageProps>; params: Record<string, string>; titleKey: string } {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (!params) continue;
    if (route.private && !user) return { Page: LoginRequired, params: { pending: user === undefined ? 'yes' : '' }, titleKey: 'login.title' };
    return { Page: route.Page, params, titleKey: route.titleKey };
  }
  return { Page: NotFoundPage, params: {}, titleKey: 'notFound.title' };
}
