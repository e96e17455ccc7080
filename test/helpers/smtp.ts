import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface ReceivedEmail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** The From and To headers as written. */
  fromHeader: string;
  toHeader: string;
  subject: string;
  messageId: string;
  text: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  /** Every message accepted so far, in the order it arrived. */
  messages: ReceivedEmail[];
  /**
   * From now on, answers no message: each waits at the end of its DATA, not accepted and not
   * recorded, as a server stalls before its final reply.
   */
  hold(): void;
  /** Answers again; the messages held are refused with 451, so their sender retries them. */
  release(): void;
  /** How many messages wait for an answer now. */
  held(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS, no login) that keeps what it receives in memory.
 * `port` reopens a server on the port of one closed before; `refuse` answers 550 to a recipient;
 * `acceptAfterMs` waits that long before accepting each message (a slow server).
 */
export async function startSmtpServer({
  port = 0,
  refuse = () => false,
  acceptAfterMs = 0,
}: {
  port?: number;
  refuse?: (address: string) => boolean;
  acceptAfterMs?: number;
} = {}): Promise<TestSmtp> {
  const messages: ReceivedEmail[] = [];
  const waiting = new Set<(error?: Error) => void>();
  let holding = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    // close() ends the clients' idle pooled connections after this, not after 30 s.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (!refuse(address.address)) return callback();
      const error: SMTPServerError = new Error(`5.1.1 <${address.address}>: mailbox unavailable`);
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const accept = () => {
          messages.push(
            parseEmail(
              Buffer.concat(chunks).toString('latin1'),
              session.envelope.rcptTo.map((rcpt) => rcpt.address),
            ),
          );
          callback();
        };
        if (holding) {
          waiting.add(callback);
        } else if (acceptAfterMs) {
          setTimeout(accept, acceptAfterMs);
        } else {
          accept();
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    messages,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const answer of waiting) answer(temporaryFailure());
      waiting.clear();
    },
    held: () => waiting.size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A 451: the message was not taken, try again later. */
function temporaryFailure(): SMTPServerError {
  const error: SMTPServerError = new Error('4.3.0 try again later');
  error.responseCode = 451;
  return error;
}

/** Just enough MIME for what nodemailer writes for a text message. */
function parseEmail(raw: string, to: string[]): ReceivedEmail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const header = (name: string) => decodeWords(headers.get(name) ?? '');
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body, 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1');
  return {
    to,
    fromHeader: header('from'),
    toHeader: header('to'),
    subject: header('subject'),
    messageId: header('message-id'),
    text: bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, ''),
  };
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as in a non-ASCII subject. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data) =>
      (kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : decodeQuotedPrintable((data as string).replace(/_/g, ' '))
      ).toString('utf8'),
    );
}
