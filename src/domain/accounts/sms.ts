import { createHash, randomUUID } from 'node:crypto';
import type { AccountsContext } from './account-context';
import { LOGIN_WINDOW_MS } from './account-context';

export interface SmsMessage {
  id: string;
  to: string;
  text: string;
  /** What the message is (`signup-code`, `access-code`, `already-registered`), for operators and logs. */
  kind: string;
}

/** How a message reaches a phone; true when it went out (a gateway took it). */
export interface SmsDelivery {
  kind: 'demo' | 'log' | 'webhook';
  deliver(message: SmsMessage): Promise<boolean>;
}

/**
 * Every message goes to the outbox first (with `log`, an operator sends from there), then to the
 * delivery without waiting for it: a slow gateway neither holds up the answer nor makes its time
 * tell which numbers got a message. A delivery reports its own failures; the outbox keeps the message.
 */
export async function sendSms(actx: AccountsContext, message: Omit<SmsMessage, 'id'>): Promise<void> {
  const stored = await actx.repos.outbox.add({ id: randomUUID(), toPhone: message.to, body: message.text, kind: message.kind, createdAt: actx.now() });
  void actx.sms.deliver({ ...message, id: stored.id })
    .then((sent) => (sent ? actx.repos.outbox.markSent(stored.id, actx.now()) : undefined))
    .catch(() => undefined);
}

/** Texts one number may be sent within the window (LOGIN_WINDOW_MS), whoever asks and from wherever. */
export const TEXTS_PER_NUMBER = 3;

/**
 * Whether this number may be texted now, counting this text: sign-ups and code requests from many
 * addresses could otherwise flood one phone. Counted in one statement like failed log-ins (the
 * counter's key is a hash of the number). When it may not, callers answer as usual and send nothing.
 */
export async function mayText(actx: Pick<AccountsContext, 'repos' | 'now'>, phone: string): Promise<boolean> {
  const key = createHash('sha256').update(`sms:${phone}`).digest('hex');
  const { attempts } = await actx.repos.loginAttempts.count(key, actx.now(), LOGIN_WINDOW_MS);
  return attempts <= TEXTS_PER_NUMBER;
}

export const smsTexts = {
  signupCode: (code: string) => `Eifel-Taxibus: Ihr Code für die Anmeldung ist ${code}. Er gilt 10 Minuten. Geben Sie ihn niemandem weiter.`,
  accessCode: (code: string) => `Eifel-Taxibus: Ihr Code zum Festlegen des Passworts ist ${code}. Er gilt 10 Minuten. Geben Sie ihn niemandem weiter.`,
  alreadyRegistered: () => 'Eifel-Taxibus: Jemand wollte sich mit Ihrer Nummer neu anmelden. Sie haben schon einen Zugang; melden Sie sich an oder lassen Sie sich einen Code für ein neues Passwort schicken.',
};
