import { randomUUID } from 'node:crypto';
import type { AccountsContext } from './account-context';

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

export const smsTexts = {
  signupCode: (code: string) => `Eifel-Taxibus: Ihr Code für die Anmeldung ist ${code}. Er gilt 10 Minuten. Geben Sie ihn niemandem weiter.`,
  accessCode: (code: string) => `Eifel-Taxibus: Ihr Code zum Festlegen des Passworts ist ${code}. Er gilt 10 Minuten. Geben Sie ihn niemandem weiter.`,
  alreadyRegistered: () => 'Eifel-Taxibus: Jemand wollte sich mit Ihrer Nummer neu anmelden. Sie haben schon einen Zugang; melden Sie sich an oder lassen Sie sich einen Code für ein neues Passwort schicken.',
};
