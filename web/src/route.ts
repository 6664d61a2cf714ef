import type { FunctionComponent } from 'preact';
import { lazy } from 'preact/compat';
import type { PageProps } from './page-props';

/** Who may open a page: villagers, the dispatch desk (dispatchers and admins), drivers, or the operator's pages (admins only). */
export type Audience = 'rider' | 'desk' | 'driver' | 'admin';

export interface Route {
  pattern: string;
  Page: FunctionComponent<PageProps>;
  titleKey: string;
  /** Pages with personal data: logged-out visitors are asked to log in first. */
  private?: boolean;
  /** Staff pages: only these logins may open them (others are told which login they need). */
  audience?: Audience;
  /** Desk and tablet pages use the whole screen width instead of the reading column. */
  wide?: boolean;
}

const AUDIENCE_OF_ROLE: Record<string, Audience> = { rider: 'rider', dispatcher: 'desk', admin: 'desk', driver: 'driver' };

export function audienceOf(role: string | undefined): Audience | undefined {
  return role ? AUDIENCE_OF_ROLE[role] : undefined;
}

/** Whether a login may open a page for that audience: admins work at the desk and also set the service up. */
export function mayOpen(role: string | undefined, audience: Audience): boolean {
  return audienceOf(role) === audience || (audience === 'admin' && role === 'admin');
}

/** Where a login starts: villagers at the booking, dispatchers and admins at the desk, drivers at their tablet. */
export function homeOf(role: string | undefined): string {
  const audience = audienceOf(role);
  return audience === 'desk' ? '/leitstelle' : audience === 'driver' ? '/fahrer' : '/buchen';
}

/** A page whose code loads on first use, together with the texts of its part of the app (see addTexts). */
export function lazyPage(load: () => Promise<{ default: FunctionComponent<PageProps> }>, texts: () => Promise<unknown>): FunctionComponent<PageProps> {
  return lazy(() => Promise.all([load(), texts()]).then(([page]) => page));
}
