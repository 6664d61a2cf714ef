import { z } from 'zod';
import type { SmsDelivery, SmsMessage } from '../domain/accounts/sms';
import type { Logger } from './logger';

export interface SmsDeliverySettings {
  kind: 'demo' | 'log' | 'webhook';
  webhookUrl?: string;
  webhookToken?: string;
  timeoutMs: number;
}

/** What a log line may say of a message: never the number or the text (it holds the code). */
const loggable = (message: SmsMessage) => ({ messageId: message.id, kind: message.kind });

/** The gateway's answer is not needed beyond its status; a JSON body with an id is logged when given. */
const webhookAnswer = z.object({ id: z.union([z.string(), z.number()]).optional() }).loose();

function webhookDelivery(settings: SmsDeliverySettings & { webhookUrl: string }, log: Pick<Logger, 'info' | 'warn'>, fetchFn: typeof fetch): SmsDelivery {
  return {
    kind: 'webhook',
    async deliver(message) {
      try {
        const response = await fetchFn(settings.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(settings.webhookToken ? { authorization: `Bearer ${settings.webhookToken}` } : {}) },
          body: JSON.stringify({ to: message.to, text: message.text }),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        const text = await response.text();
        if (!response.ok) {
          log.warn({ ...loggable(message), status: response.status }, 'the SMS gateway refused a message; it stays in outbound_messages');
          return false;
        }
        const parsed = webhookAnswer.safeParse(text ? JSON.parse(text) : {});
        log.info({ ...loggable(message), gatewayId: parsed.success ? parsed.data.id : undefined }, 'SMS sent');
        return true;
      } catch (err) {
        const reason = err instanceof Error ? err.name : 'error';
        log.warn({ ...loggable(message), reason }, 'the SMS gateway did not answer; the message stays in outbound_messages');
        return false;
      }
    },
  };
}

/**
 * The configured way SMS leave: `webhook` posts each to a gateway; `log` leaves it in the outbox for
 * an operator and logs that one is waiting; `demo` does the same (the code is also in the answer).
 */
export function createSmsDelivery(settings: SmsDeliverySettings, log: Pick<Logger, 'info' | 'warn'>, fetchFn: typeof fetch = fetch): SmsDelivery {
  if (settings.kind === 'webhook') {
    if (!settings.webhookUrl) throw new Error('SMS_WEBHOOK_URL: needed with SMS_DELIVERY=webhook');
    return webhookDelivery({ ...settings, webhookUrl: settings.webhookUrl }, log, fetchFn);
  }
  return {
    kind: settings.kind,
    async deliver(message) {
      log.info(loggable(message), 'SMS waiting in outbound_messages');
      return false;
    },
  };
}
