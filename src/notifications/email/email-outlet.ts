import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  createTransport,
  type NodemailerError,
  type SMTPPoolSentMessageInfo,
  type Transporter,
} from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';

/** One notification as an email: who gets it, and what it says. */
export interface EmailMessage {
  notificationId: string;
  to: string;
  displayName: string;
  subject: string;
  text: string;
}

/** Pooled SMTP connections, and so messages in flight at once. */
const CONNECTIONS = 3;
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;
/** Hard bound on one message, also against a server that trickles its replies. */
const MESSAGE_TIMEOUT_MS = 30_000;
/** No message of a batch starts after this; the caller retries what is left. */
const BATCH_DEADLINE_MS = 120_000;
/** Errors about one message (its envelope or content); any other means the server is unusable. */
const MESSAGE_ERRORS = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * Records one accepted email before its lane sends another (the caller marks it sent), so a
 * crash resends at most the messages accepted in the moments before it, never a whole batch.
 */
export type RecordAccepted = (notificationId: string) => Promise<void>;

/** The message id a notification's email always has, so a receiver can drop a repeat. */
export const emailMessageId = (notificationId: string) => `<${notificationId}@fanrally>`;

/**
 * Sends notification emails over one pooled SMTP transport. Never throws for a failed message:
 * `send` answers the notifications whose email the server accepted, and the caller retries the
 * rest. A failure of the server (refused, timed out, bad credentials) stops the batch at once
 * instead of trying every message against it.
 */
@Injectable()
export class EmailOutlet implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(EmailOutlet.name);
  private readonly transport: Transporter<SMTPPoolSentMessageInfo> | null;
  private readonly batches = new Set<Promise<unknown>>();
  private closing = false;

  constructor(private readonly config: AppConfig) {
    const url = config.email.smtpUrl;
    this.transport = url
      ? createTransport({
          // Options in the URL's query (?maxConnections=5) win over these.
          url,
          pool: true,
          maxConnections: CONNECTIONS,
          connectionTimeout: CONNECTION_TIMEOUT_MS,
          greetingTimeout: GREETING_TIMEOUT_MS,
          socketTimeout: SOCKET_TIMEOUT_MS,
        })
      : null;
  }

  /** False when SMTP_URL is unset: no emails at all. */
  get enabled(): boolean {
    return this.transport !== null;
  }

  /**
   * Sends each message once; returns the notification ids whose email the server accepted.
   * `record` runs for each accepted message as soon as the server accepts it.
   */
  async send(
    messages: EmailMessage[],
    record: RecordAccepted = () => Promise.resolve(),
  ): Promise<string[]> {
    if (!this.transport || this.closing || !messages.length) return [];
    const batch = this.sendAll(this.transport, messages, record);
    this.batches.add(batch);
    try {
      return await batch;
    } finally {
      this.batches.delete(batch);
    }
  }

  /**
   * Starts no message once shutdown begins, before the BullMQ workers wait for their jobs: a
   * job in flight then ends after its current messages, and retries the rest elsewhere.
   */
  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  /** Lets the messages in flight finish (each is bounded), then closes the connections. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.batches]);
    this.transport?.close();
  }

  private async sendAll(
    transport: Transporter<SMTPPoolSentMessageInfo>,
    messages: EmailMessage[],
    record: RecordAccepted,
  ): Promise<string[]> {
    const accepted: string[] = [];
    const deadline = Date.now() + BATCH_DEADLINE_MS;
    let next = 0;
    let failed = 0;
    let stopped = null as string | null; // set inside the lanes

    const lane = async () => {
      while (next < messages.length && !stopped) {
        if (this.closing) stopped = 'the application is shutting down';
        else if (Date.now() > deadline) stopped = `the batch ran past ${BATCH_DEADLINE_MS} ms`;
        if (stopped) break;
        const message = messages[next++];
        try {
          const info = await transport.sendMail({
            from: this.config.email.from,
            to: { name: message.displayName, address: message.to },
            subject: message.subject,
            text: message.text,
            messageId: emailMessageId(message.notificationId),
            signal: AbortSignal.timeout(MESSAGE_TIMEOUT_MS),
          });
          if (info.accepted.length) {
            accepted.push(message.notificationId);
            const unrecorded = await this.recorded(record, message.notificationId);
            stopped ??= unrecorded;
          } else {
            failed++;
            this.logger.warn(`email for notification ${message.notificationId} not accepted`);
          }
        } catch (error) {
          failed++;
          const { code, responseCode, message: reason } = error as NodemailerError;
          const why = `${code ?? 'error'}${responseCode ? ` ${responseCode}` : ''}: ${reason}`;
          if (code && MESSAGE_ERRORS.has(code)) {
            this.logger.warn(`email for notification ${message.notificationId} refused (${why})`);
          } else {
            stopped ??= `the SMTP server failed (${why})`;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONNECTIONS, messages.length) }, lane));

    if (stopped) {
      this.logger.warn(
        `emails: ${accepted.length} of ${messages.length} sent, ${failed} failed, ` +
          `${messages.length - accepted.length - failed} not tried: stopped as ${stopped}`,
      );
    } else if (failed) {
      this.logger.warn(`emails: ${accepted.length} of ${messages.length} sent, ${failed} failed`);
    }
    return accepted;
  }

  /** Records an accepted email; returns why the batch must stop when that failed, else null. */
  private async recorded(record: RecordAccepted, notificationId: string): Promise<string | null> {
    try {
      await record(notificationId);
      return null;
    } catch (error) {
      return `recording email ${notificationId} as sent failed (${(error as Error).message})`;
    }
  }
}
