/** The port through which messages reach phones; src/infra/sms-delivery.ts has the implementations. */
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
