import type { Config } from '../config/env';
import { accountSettings, type AccountSettings, type AccountsContext } from '../domain/accounts/account-context';
import type { SmsDelivery } from '../domain/accounts/sms';
import type { DomainContext } from '../domain/context';
import type { Logger } from '../infra/logger';
import { createSmsDelivery } from '../infra/sms-delivery';

/** What the account routes and the web client's settings need beyond the domain context. */
export interface AccountWiring {
  sms: SmsDelivery;
  settings: AccountSettings;
  client: { mapTileUrl: string | null; mapAttribution: string | null };
}

/** SMS_DELIVERY, else demo on the embedded database (a trial install) and log with PostgreSQL. */
export function smsDeliveryKind(config: Pick<Config, 'SMS_DELIVERY' | 'DATABASE_URL'>): AccountWiring['sms']['kind'] {
  return config.SMS_DELIVERY ?? (config.DATABASE_URL ? 'log' : 'demo');
}

export function accountWiringFrom(config: Config, log: Pick<Logger, 'info' | 'warn'>, fetchFn?: typeof fetch): AccountWiring {
  const kind = smsDeliveryKind(config);
  return {
    sms: createSmsDelivery({ kind, webhookUrl: config.SMS_WEBHOOK_URL, webhookToken: config.SMS_WEBHOOK_TOKEN, timeoutMs: config.SMS_WEBHOOK_TIMEOUT_MS }, log, fetchFn),
    settings: accountSettings({ sessionIdleDays: config.SESSION_IDLE_DAYS, sessionMaxDays: config.SESSION_MAX_DAYS, retentionDays: config.RETENTION_DAYS, smsDemo: kind === 'demo' }),
    client: { mapTileUrl: config.MAP_TILE_URL ?? null, mapAttribution: config.MAP_ATTRIBUTION ?? null },
  };
}

export function accountsContext(ctx: DomainContext, wiring: AccountWiring): AccountsContext {
  return { db: ctx.db, repos: ctx.repos, decider: ctx.decider, now: ctx.now, sms: wiring.sms, accountSettings: wiring.settings };
}
