import type { DomainContext } from '../context';
import type { SmsDelivery } from './sms';

export interface AccountSettings {
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Rides ended longer ago than this lose their personal data. */
  retentionMs: number;
  /** SMS_DELIVERY=demo: codes are also given in the answers. */
  smsDemo: boolean;
}

/** Fixed by the contract with the web app, so not settings: a code lives 10 min and allows 5 guesses. */
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
/** Failed log-ins per number within the window before it is locked until the window ends. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

const DAY_MS = 86_400_000;

export function accountSettings(values: { sessionIdleDays: number; sessionMaxDays: number; retentionDays: number; smsDemo: boolean }): AccountSettings {
  return { sessionIdleMs: values.sessionIdleDays * DAY_MS, sessionMaxMs: values.sessionMaxDays * DAY_MS, retentionMs: values.retentionDays * DAY_MS, smsDemo: values.smsDemo };
}

/** The domain context plus what accounts need: how SMS go out and the account settings. */
export type AccountsContext = Pick<DomainContext, 'db' | 'repos' | 'decider' | 'now'> & { sms: SmsDelivery; accountSettings: AccountSettings };
